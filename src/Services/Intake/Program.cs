using TitleReview.Intake;
using TitleReview.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddIntake();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapIntakeEndpoints();

app.Run();
