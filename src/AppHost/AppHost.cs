using TitleReview.AppHost;

var builder = DistributedApplication.CreateBuilder(args);

var infrastructure = builder.AddInfrastructure();

builder.AddTitleReviewService<Projects.Intake>("intake", 5101, infrastructure);
builder.AddTitleReviewService<Projects.Review>("review", 5102, infrastructure);
builder.AddTitleReviewService<Projects.Publicity>("publicity", 5103, infrastructure);
builder.AddTitleReviewService<Projects.Payment>("payment", 5104, infrastructure);
builder.AddTitleReviewService<Projects.Certificate>("certificate", 5105, infrastructure);

builder.Build().Run();
