using TitleReview.Payment;
using TitleReview.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddPayment();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapPaymentEndpoints();

app.Run();
