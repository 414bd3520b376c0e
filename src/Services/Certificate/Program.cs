using TitleReview.Certificate;
using TitleReview.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddCertificate();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapCertificateEndpoints();

app.Run();
