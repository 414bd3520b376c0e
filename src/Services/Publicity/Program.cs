using TitleReview.Publicity;
using TitleReview.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddPublicity();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapPublicityEndpoints();

app.Run();
