using TitleReview.Audit;
using TitleReview.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddAudit();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapAuditEndpoints();

app.Run();
