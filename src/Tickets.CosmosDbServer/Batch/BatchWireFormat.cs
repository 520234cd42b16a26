using Microsoft.Azure.Cosmos;
using Microsoft.Azure.Cosmos.Serialization.HybridRow;
using Microsoft.Azure.Cosmos.Serialization.HybridRow.IO;
using Microsoft.Azure.Cosmos.Serialization.HybridRow.Layouts;
using Microsoft.Azure.Cosmos.Serialization.HybridRow.RecordIO;
using Microsoft.Azure.Cosmos.Serialization.HybridRow.Schemas;

namespace Tickets.CosmosDbServer.Batch;

/// <summary>
/// The binary body of a batch request and response: a RecordIO stream of HybridRow rows, one per operation
/// (<c>BatchOperation</c>) or per result (<c>BatchResult</c>). The schemas are the SDK's own, read from the resource it
/// ships them in, so this reads exactly what the installed SDK writes and writes exactly what it parses.
/// </summary>
internal static class BatchWireFormat
{
    private const string SchemaResource = "Microsoft.Azure.Cosmos.Batch.HybridRowBatchSchemas.json";

    private static readonly LayoutResolverNamespace Resolver;
    private static readonly Layout ResultLayout;

    static BatchWireFormat()
    {
        using var stream = typeof(CosmosClient).Assembly.GetManifestResourceStream(SchemaResource)
            ?? throw new InvalidOperationException(
                $"The Cosmos SDK no longer ships '{SchemaResource}': the batch emulation for cosmosdb-server needs updating for this SDK version.");
        using var reader = new StreamReader(stream);
        var schemas = Namespace.Parse(reader.ReadToEnd());
        Resolver = new LayoutResolverNamespace(schemas);
        ResultLayout = Resolver.Resolve(schemas.Schemas.Single(s => s.Name == "BatchResult").SchemaId);
    }

    public static async Task<IReadOnlyList<BatchOperation>> ReadOperationsAsync(Stream body)
    {
        var buffer = new MemoryStream();
        await body.CopyToAsync(buffer);
        buffer.Position = 0;

        var operations = new List<BatchOperation>();
        var result = await buffer.ReadRecordIOAsync(
            (ReadOnlyMemory<byte> record) =>
            {
                var row = new RowReader(record, HybridRowVersion.V1, Resolver);
                var read = ReadOperation(ref row, operations.Count, out var operation);
                if (read == Result.Success) operations.Add(operation!);
                return read;
            },
            resizer: new MemorySpanResizer<byte>(Math.Max(1, (int)buffer.Length)));
        if (result != Result.Success)
            throw new InvalidDataException($"Could not read the batch request body ({result}).");
        return operations;
    }

    public static async Task<MemoryStream> WriteResultsAsync(IReadOnlyList<BatchOperationResult> results)
    {
        var output = new MemoryStream();
        var result = await output.WriteRecordIOAsync(default, (long index, out ReadOnlyMemory<byte> buffer) =>
        {
            buffer = ReadOnlyMemory<byte>.Empty;
            if (index >= results.Count) return Result.Success;

            var row = new RowBuffer(1024 + (results[(int)index].Body?.Length ?? 0));
            row.InitLayout(HybridRowVersion.V1, ResultLayout, Resolver);
            var written = RowWriter.WriteBuffer(ref row, results[(int)index], WriteResult);
            if (written != Result.Success) return written;

            var bytes = new MemoryStream(row.Length);
            row.WriteTo(bytes);
            buffer = bytes.ToArray();
            return Result.Success;
        });
        if (result != Result.Success)
            throw new InvalidOperationException($"Could not write the batch response body ({result}).");
        output.Position = 0;
        return output;
    }

    private static Result ReadOperation(ref RowReader reader, int index, out BatchOperation? operation)
    {
        operation = null;
        int? operationType = null;
        string? partitionKey = null, id = null, ifMatch = null, ifNoneMatch = null;
        byte[]? body = null;
        var minimalReturn = false;

        while (reader.Read())
        {
            var r = reader.Path.ToString() switch
            {
                "operationType" => Read(ref reader, out operationType),
                "partitionKey" => reader.ReadString(out partitionKey),
                "id" => reader.ReadString(out id),
                "resourceBody" => reader.ReadBinary(out body),
                "ifMatch" => reader.ReadString(out ifMatch),
                "ifNoneMatch" => reader.ReadString(out ifNoneMatch),
                "minimalReturnPreference" => reader.ReadBool(out minimalReturn),
                // resourceType (always Document), indexingDirective, effectivePartitionKey, binaryId, ttl: not emulated.
                _ => Result.Success,
            };
            if (r != Result.Success) return r;
        }

        if (operationType is null) return Result.Failure;
        operation = new BatchOperation(index, operationType.Value, id, body, partitionKey, ifMatch, ifNoneMatch, minimalReturn);
        return Result.Success;
    }

    private static Result Read(ref RowReader reader, out int? value)
    {
        var r = reader.ReadInt32(out var read);
        value = read;
        return r;
    }

    private static Result WriteResult(ref RowWriter writer, TypeArgument typeArg, BatchOperationResult result)
    {
        var r = writer.WriteInt32("statusCode", result.StatusCode);
        if (r == Result.Success && result.SubStatusCode != 0) r = writer.WriteInt32("subStatusCode", result.SubStatusCode);
        if (r == Result.Success && result.ETag is not null) r = writer.WriteString("eTag", result.ETag);
        if (r == Result.Success && result.Body is not null) r = writer.WriteBinary("resourceBody", result.Body);
        if (r == Result.Success) r = writer.WriteFloat64("requestCharge", result.RequestCharge);
        return r;
    }
}
