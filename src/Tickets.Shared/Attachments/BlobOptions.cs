namespace Tickets.Attachments;

/// <summary><c>Tickets:Blobs</c>: where the attachments' Blob Storage is.</summary>
public sealed class BlobOptions
{
    public const string Section = "Tickets:Blobs";

    /// <summary>
    /// The configuration key of the blob service's connection: a connection string with <c>BlobEndpoint=</c> (Azurite's,
    /// whose account key also signs the download links) or, in Azure, a section with <c>blobServiceUri</c> (and
    /// <c>clientId</c> for a user-assigned identity) for the app's managed identity, whose user-delegation key signs them.
    /// </summary>
    public const string Connection = "Tickets:Blobs:Connection";

    /// <summary>The private container of uploaded files; Bicep declares the same name (the infrastructure tests check it).</summary>
    public const string Container = "attachments";

    /// <summary>Creates the container at start when missing: Azurite and tests; Bicep owns it in Azure.</summary>
    public bool CreateIfNotExists { get; set; }
}
