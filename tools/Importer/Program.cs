using OtMz.Importer;

// The bulk importer: uploads a folder of pictures as looks through the Api's REST interface. Relative paths are the
// caller's: run from the repository root, `dotnet run --project tools/Importer -- ./crawl --dev-token` reads ./crawl.
return await ImportCommand.RunAsync(args);
