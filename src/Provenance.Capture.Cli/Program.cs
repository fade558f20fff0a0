using Provenance.Capture.Cli;

return ProvcapCommand.Run(args, Console.Out, Console.Error);
