using TitleReview.AppHost;

var builder = DistributedApplication.CreateBuilder(args);

var infrastructure = builder.AddInfrastructure();

var intake = builder.AddTitleReviewService<Projects.Intake>("intake", 5101, infrastructure);
// Review fetches attachments from Intake, which owns their bytes, for the reviewer's downloads.
builder.AddTitleReviewService<Projects.Review>("review", 5102, infrastructure).WithReference(intake);
builder.AddTitleReviewService<Projects.Publicity>("publicity", 5103, infrastructure);
builder.AddTitleReviewService<Projects.Payment>("payment", 5104, infrastructure);
builder.AddTitleReviewService<Projects.Certificate>("certificate", 5105, infrastructure);

// Audit reads the ledger and asks Intake (with the auditor's own credentials) which applications carry a 身份证 number.
builder.AddTitleReviewService<Projects.Audit>("audit", 5106, infrastructure).WithReference(intake);

builder.Build().Run();
