using TitleReview.Review;
using TitleReview.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddReview();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapReviewEndpoints();

app.Run();
