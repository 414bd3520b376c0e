using TitleReview.AuditCli;

// The auditors' command line: the same verbs as the Audit service's API and pages (see README, "Audit").
return await AuditCommands.RunAsync(args, handler: null, Console.Out, Console.Error);
