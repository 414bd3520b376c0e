using TitleReview.AppHost;

var builder = DistributedApplication.CreateBuilder(args);

var infrastructure = builder.AddInfrastructure();

var intake = builder.AddTitleReviewService<Projects.Intake>("intake", 5101, infrastructure);
// Review fetches attachments from Intake, which owns their bytes, for the reviewer's downloads.
var review = builder.AddTitleReviewService<Projects.Review>("review", 5102, infrastructure).WithReference(intake);
var publicity = builder.AddTitleReviewService<Projects.Publicity>("publicity", 5103, infrastructure);
var payment = builder.AddTitleReviewService<Projects.Payment>("payment", 5104, infrastructure);
var certificate = builder.AddTitleReviewService<Projects.Certificate>("certificate", 5105, infrastructure);

// Audit reads the ledger and asks Intake (with the auditor's own credentials) which applications carry a 身份证 number.
var audit = builder.AddTitleReviewService<Projects.Audit>("audit", 5106, infrastructure).WithReference(intake);

// The back office's one front door, and in development the identity provider it can sign people in with.
builder.AddGateway(5100, infrastructure, [intake, review, publicity, payment, certificate, audit]);

builder.Build().Run();
