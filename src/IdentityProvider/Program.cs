using TitleReview.IdentityProvider;
using TitleReview.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);

builder.AddHostDefaults();
builder.AddIdentityProvider();

var app = builder.Build();

app.MapIdentityProvider();

app.Run();
