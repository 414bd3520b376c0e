using TitleReview.Gateway;
using TitleReview.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);

builder.AddHostDefaults();
builder.AddGateway();

var app = builder.Build();

app.MapGateway();

app.Run();
