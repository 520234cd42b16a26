using System.ComponentModel;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Net.Http.Headers;
using Tickets.Functions.Http;
using Tickets.Tickets;
using Tickets.Tickets.Export;

namespace Tickets.Functions.Tickets;

/// <summary>The ticket list as a CSV file, for staff: the list's filters, every page, streamed as it is read.</summary>
public sealed class TicketExportFunction(TicketExport export)
{
    [Function("ExportTickets")]
    [Access(Who.Staff)]
    [Accepts(Query = typeof(TicketListParameters))]
    [Returns(200, typeof(string), MediaType = TicketExportFile.MediaType, Headers = ResponseHeaders.ContentDisposition)]
    [Description("The tickets GET /tickets would list under the same filters and sort (and the same 400s), every page of them, as a CSV "
        + "attachment (tickets-YYYYMMDD-HHmm.csv): UTF-8 with BOM, RFC 4180 quoting, CRLF, a header row in the caller's language, "
        + "instants in ISO 8601 UTC; a cell starting with = + - @, a tab or a CR gets a leading ' so no spreadsheet runs it. "
        + "limit sizes each read of the store (default Tickets:Export:PageSize). At most Tickets:Export:MaxRows tickets: "
        + "beyond them the last line, starting with #, says the export was cut. Staff only.")]
    public async Task<IActionResult> Export(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "tickets/export.csv")] HttpRequest request, CancellationToken cancellationToken)
    {
        var started = await export.StartAsync(request.QueryAs<TicketListParameters>(), cancellationToken);
        return started.IsSuccess ? new CsvFileResult(started.Value) : Api.Problem(started.Error!);
    }

    /// <summary>Streams the file into the response body, in any host; a cancelled request stops the reading.</summary>
    private sealed class CsvFileResult(TicketExportFile file) : IActionResult
    {
        public async Task ExecuteResultAsync(ActionContext context)
        {
            var response = context.HttpContext.Response;
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = TicketExportFile.ContentType;
            response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileName = file.FileName }.ToString();
            await file.WriteAsync(response.Body, context.HttpContext.RequestAborted);
        }
    }
}
