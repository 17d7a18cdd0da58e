using System.Text.Json;
using System.Text.RegularExpressions;
using Npgsql;

namespace GotaKeren.Web.Shell;

/// <summary>A request that cannot be read, said in Indonesian for the person or client who sent it.</summary>
public sealed record BadInputProblem(int Status, string Field, string Message);

/// <summary>
/// One treatment for input the app cannot take, whatever noticed it first: the framework's binding, the JSON
/// reader, the form reader, or (as a last net) PostgreSQL refusing a value. A 4xx with the field named, never a
/// 500, in every environment.
/// </summary>
public static partial class BadInput
{
    public static BadInputProblem? Describe(Exception exception)
    {
        switch (exception)
        {
            case BadHttpRequestException bad:
                return FromBinding(bad);
            case JsonException json:
                return FromJson(json);
            case InvalidDataException or FormatException:
                return new BadInputProblem(400, "form", "Formulir atau berkas yang dikirim tidak dapat dibaca. Muat ulang halaman lalu kirim lagi.");
            case PostgresException { SqlState: PostgresErrorCodes.CharacterNotInRepertoire or PostgresErrorCodes.UntranslatableCharacter or "22021" }:
                return new BadInputProblem(400, "text", "Teks memuat karakter yang tidak diizinkan (misalnya karakter kendali). Hapus karakter itu lalu kirim lagi.");
            case PostgresException { SqlState: PostgresErrorCodes.StringDataRightTruncation }:
                return new BadInputProblem(400, "text", "Teks yang dikirim terlalu panjang untuk isiannya.");
            case PostgresException { SqlState: PostgresErrorCodes.DatetimeFieldOverflow or PostgresErrorCodes.NumericValueOutOfRange or PostgresErrorCodes.InvalidDatetimeFormat }:
                return new BadInputProblem(400, "value", "Tanggal atau angka yang dikirim di luar batas yang dapat diproses.");
            case Microsoft.EntityFrameworkCore.DbUpdateException { InnerException: { } inner }:
                return Describe(inner);
            case InvalidOperationException { InnerException: { } inner }:
                return Describe(inner);
            default:
                return null;
        }
    }

    private static BadInputProblem FromBinding(BadHttpRequestException bad)
    {
        if (bad.InnerException is JsonException json)
        {
            return FromJson(json) with { Status = bad.StatusCode };
        }

        if (bad.StatusCode == StatusCodes.Status415UnsupportedMediaType)
        {
            return new BadInputProblem(415, "body", "Jenis isi permintaan tidak didukung: kirim JSON (application/json) atau formulir sesuai dokumentasi API.");
        }

        if (bad.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return new BadInputProblem(413, "body", "Isi permintaan terlalu besar.");
        }

        var message = bad.Message;
        if (BindFrom().Match(message) is { Success: true } bind)
        {
            var value = bind.Groups["value"].Value;
            return new BadInputProblem(400, Field(bind.Groups["name"].Value), $"Nilai '{Shorten(value)}' tidak dapat dibaca untuk isian ini (jenis atau formatnya tidak sesuai).");
        }

        if (Required().Match(message) is { Success: true } required)
        {
            return new BadInputProblem(400, Field(required.Groups["name"].Value), "Isian ini wajib dikirim.");
        }

        if (ReadBody().Match(message) is { Success: true } body)
        {
            return new BadInputProblem(400, Field(body.Groups["name"].Value), "Isi permintaan kosong atau bukan JSON yang sah.");
        }

        return new BadInputProblem(bad.StatusCode, "request", "Permintaan tidak dapat dibaca.");
    }

    private static BadInputProblem FromJson(JsonException json)
    {
        var path = json.Path;
        if (string.IsNullOrEmpty(path) || path == "$")
        {
            return new BadInputProblem(400, "body", "Isi permintaan bukan JSON yang sah atau tidak berbentuk objek yang diharapkan.");
        }

        // "$.fullName" or "$.items[2].name": the field as the client wrote it.
        var field = path.TrimStart('$', '.');
        return new BadInputProblem(400, field, "Nilai isian ini tidak sesuai jenisnya (misalnya angka di tempat teks, atau teks di tempat angka atau tanggal).");
    }

    private static string Field(string parameter) => parameter.Split(' ', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? parameter;

    private static string Shorten(string value) => value.Length > 40 ? value[..40] + "…" : value;

    [GeneratedRegex("Failed to bind parameter \"(?<name>[^\"]+)\" from \"(?<value>[^\"]*)\"")]
    private static partial Regex BindFrom();

    [GeneratedRegex("Required parameter \"(?<name>[^\"]+)\" was not provided")]
    private static partial Regex Required();

    [GeneratedRegex("parameter \"(?<name>[^\"]+)\" from the request body|for parameter \"(?<name>[^\"]+)\" but no body was provided")]
    private static partial Regex ReadBody();
}
