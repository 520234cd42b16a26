using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tickets.Common;
using Tickets.Identity;
using Tickets.Sla.Policies;

namespace Tickets.Tickets.Export;

/// <summary>
/// <c>GET /tickets/export.csv</c>: the ticket list under the list's own filters and validation, every page of it by keyset,
/// as CSV. <see cref="StartAsync"/> reads the first page, so a bad filter is the list's 400 before anything is sent;
/// <see cref="TicketExportFile.WriteAsync"/> then writes each page as it is read (never the whole list in memory), up to
/// <see cref="TicketExportOptions.MaxRows"/>.
/// </summary>
public sealed partial class TicketExport(
    TicketService tickets, SlaPolicies policies, CurrentUser me, TimeProvider time, IOptions<TicketExportOptions> options, ILogger<TicketExport> logger)
{
    public async Task<Result<TicketExportFile>> StartAsync(TicketListParameters parameters, CancellationToken cancellationToken)
    {
        // The request's limit (validated as the list's) sizes each read; without it, the setting does.
        var asked = string.IsNullOrEmpty(parameters.Limit)
            ? parameters with { Limit = options.Value.PageSize.ToString(CultureInfo.InvariantCulture) }
            : parameters;
        var first = await tickets.ListAsync(asked, cancellationToken);
        if (!first.IsSuccess) return first.Error!;
        var fileName = $"tickets-{time.GetUtcNow().UtcDateTime.ToString("yyyyMMdd-HHmm", CultureInfo.InvariantCulture)}.csv";
        return new TicketExportFile(this, asked with { IncludeTotal = null }, first.Value, fileName);
    }

    internal async Task WriteAsync(Stream body, TicketListParameters asked, Page<Ticket> first, CancellationToken cancellationToken)
    {
        var language = me.User.Language == "en" ? "en" : "es";
        var maxRows = options.Value.MaxRows;
        var pageSize = int.Parse(asked.Limit!, CultureInfo.InvariantCulture);
        var text = new StringBuilder().Append(TicketCsv.ByteOrderMark);
        TicketCsv.AppendRecord(text, TicketExportColumns.Header(language));

        await using var writer = new StreamWriter(body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 16 * 1024, leaveOpen: true);
        var rows = 0;
        var page = first;
        var cut = false;
        while (true)
        {
            var versions = await policies.ForTicketsAsync(page.Items.Select(t => t.Sla), cancellationToken);
            var now = time.GetUtcNow();
            foreach (var ticket in page.Items)
            {
                if (rows == maxRows)
                {
                    cut = true;
                    break;
                }

                TicketCsv.AppendRecord(text, TicketExportColumns.Cells(ticket, versions[ticket.Sla.Policy].Evaluate(ticket, now), language));
                rows++;
            }

            // Each page goes out as soon as it is written: the caller sees the file grow, the server holds one page.
            await writer.WriteAsync(text, cancellationToken);
            await writer.FlushAsync(cancellationToken);
            text.Clear();

            if (cut || page.NextCursor is null) break;
            if (rows == maxRows)
            {
                cut = true;
                break;
            }

            // The next page under the same filters; the last read asks for no more than the cap leaves.
            var next = await tickets.ListAsync(
                asked with { Cursor = page.NextCursor, Limit = Math.Min(pageSize, maxRows - rows).ToString(CultureInfo.InvariantCulture) }, cancellationToken);
            page = next.IsSuccess ? next.Value : throw new InvalidOperationException($"The export's next page was refused: {next.Error!.Code}.");
        }

        // A trailer header cannot follow a streamed body: the cut is said in the file's last line.
        if (cut) TicketCsv.AppendRecord(text, [TicketExportColumns.CutNotice(rows, language)]);
        await writer.WriteAsync(text, cancellationToken);
        await writer.FlushAsync(cancellationToken);
        LogExported(logger, me.Id, rows, cut);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Ticket export by {UserId}: {Rows} tickets, cut at the cap: {Cut}")]
    private static partial void LogExported(ILogger logger, string userId, int rows, bool cut);
}

/// <summary>An export whose filters were accepted and whose first page is read: what is left is to write it.</summary>
public sealed class TicketExportFile
{
    private readonly TicketExport _export;
    private readonly TicketListParameters _asked;
    private readonly Page<Ticket> _first;

    internal TicketExportFile(TicketExport export, TicketListParameters asked, Page<Ticket> first, string fileName)
    {
        _export = export;
        _asked = asked;
        _first = first;
        FileName = fileName;
    }

    public const string MediaType = "text/csv";

    public const string ContentType = MediaType + "; charset=utf-8";

    /// <summary><c>tickets-YYYYMMDD-HHmm.csv</c>, in UTC.</summary>
    public string FileName { get; }

    /// <summary>Writes the file (BOM, header, a line per ticket, the cut notice if any) to <paramref name="body"/>, page by page.</summary>
    public Task WriteAsync(Stream body, CancellationToken cancellationToken) => _export.WriteAsync(body, _asked, _first, cancellationToken);
}
