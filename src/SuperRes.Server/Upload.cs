using Microsoft.AspNetCore.Http.Features;

namespace SuperRes.Server;

/// <summary>
/// An uploaded image file: the raw request body (any content type but a form), or the file of a
/// multipart form (field <c>image</c>, else the first file). Never more than the upload limit is read.
/// </summary>
internal sealed record Upload(byte[] Data, string FileName)
{
    /// <summary>Room for multipart boundaries and headers around a file of the maximum size.</summary>
    public const long FormOverheadBytes = 64 << 10;

    public static async Task<Upload> ReadAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        // Only a multipart form is a form: curl --data-binary sends files as application/x-www-form-urlencoded.
        bool isForm = request.ContentType?.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase) == true;
        if (request.ContentLength > maxBytes + (isForm ? FormOverheadBytes : 0)) throw TooLarge(maxBytes);
        var sizeLimit = request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (sizeLimit is { IsReadOnly: false }) sizeLimit.MaxRequestBodySize = maxBytes + FormOverheadBytes;
        try
        {
            return isForm
                ? await ReadFormAsync(request, maxBytes, cancellationToken)
                : new Upload(await ReadBodyAsync(request.Body, maxBytes, cancellationToken), request.Query["name"].FirstOrDefault() ?? "image");
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw TooLarge(maxBytes);
        }
        catch (InvalidDataException e)
        {
            throw ApiException.BadRequest($"malformed form upload ({e.Message})");
        }
    }

    private static async Task<Upload> ReadFormAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        var form = await request.ReadFormAsync(cancellationToken);
        var file = form.Files.GetFile("image") ?? form.Files.FirstOrDefault()
            ?? throw ApiException.BadRequest("the form has no file; send the image in a field named 'image'");
        if (file.Length > maxBytes) throw TooLarge(maxBytes);
        await using var stream = file.OpenReadStream();
        return new Upload(await ReadBodyAsync(stream, maxBytes, cancellationToken), file.FileName);
    }

    private static async Task<byte[]> ReadBodyAsync(Stream body, long maxBytes, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes) throw TooLarge(maxBytes);
            buffer.Write(chunk, 0, read);
        }
        if (buffer.Length == 0) throw ApiException.BadRequest("empty upload; send an image file as the request body or in a form field named 'image'");
        return buffer.ToArray();
    }

    private static ApiException TooLarge(long maxBytes) =>
        new(StatusCodes.Status413PayloadTooLarge, "upload_too_large", $"the upload exceeds the limit of {maxBytes} bytes");
}
