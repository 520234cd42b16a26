using Tickets.DevHost;

var app = DevHostApp.Create(args);
await app.RunAsync();
