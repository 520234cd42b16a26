using System.ComponentModel;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Net.Http.Headers;
using Tickets.Functions.Http;
using Tickets.Reports;

namespace Tickets.Functions.Reports;

/// <summary>How the team is doing, for staff: response and resolution times in business time, SLA compliance, backlog, trends.</summary>
public sealed class ReportFunctions(ReportService reports)
{
    [Function("ReportSummary")]
    [Access(Who.Staff)]
    [Accepts(Query = typeof(ReportParameters))]
    [Returns(200, typeof(ReportSummary))]
    [Description("Over the tickets created from `from` to `to` (dates in the organisation's time zone, at most 366 days; by default the "
        + "last 30), optionally of one team and category: median and 90th percentile minutes to first response and to resolution, "
        + "counted on each ticket's SLA calendar (business minutes where it runs on one); SLA compliance (both targets met) overall "
        + "and by priority, team and assignee; created and resolved per day; the reopen rate; and open work now by age band.")]
    public async Task<IActionResult> Summary(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "reports/summary")] HttpRequest request, CancellationToken cancellationToken) =>
        Api.From(await reports.SummaryAsync(request.QueryAs<ReportParameters>(), cancellationToken), Api.Ok);

    [Function("ReportSummaryCsv")]
    [Access(Who.Staff)]
    [Accepts(Query = typeof(ReportParameters))]
    [Returns(200, typeof(string), MediaType = "text/csv", Headers = ResponseHeaders.ContentDisposition)]
    [Description("GET /reports/summary as a CSV attachment (report-YYYYMMDD-YYYYMMDD.csv), one measure a line: section,key,name,measure,value. "
        + "UTF-8 with BOM, RFC 4180 quoting, CRLF; a cell starting with = + - @, a tab or a CR gets a leading ' so no spreadsheet runs it.")]
    public async Task<IActionResult> SummaryCsv(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "reports/summary.csv")] HttpRequest request, CancellationToken cancellationToken)
    {
        var file = await reports.CsvAsync(request.QueryAs<ReportParameters>(), cancellationToken);
        return file.IsSuccess ? new CsvResult(file.Value) : Api.Problem(file.Error!);
    }

    private sealed class CsvResult(ReportCsvFile file) : IActionResult
    {
        public async Task ExecuteResultAsync(ActionContext context)
        {
            var response = context.HttpContext.Response;
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = ReportCsvFile.ContentType;
            response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileName = file.FileName }.ToString();
            await response.Body.WriteAsync(new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(file.Text), context.HttpContext.RequestAborted);
        }
    }
}
