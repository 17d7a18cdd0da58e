using System.Text.RegularExpressions;

namespace GotaKeren.Templating;

/// <summary>
/// Scriban reports in English; a regency's template editor reads Bahasa Indonesia. The common messages are
/// translated, anything else is shown in Scriban's words behind an Indonesian lead-in.
/// </summary>
internal static class ErrorMessages
{
    private static readonly (Regex Pattern, Func<Match, string> Say)[] Translations =
    [
        (Rx(@"^Error while parsing [^:]+: (?<rest>.*?)( in: .*)?$"), m => Translate(m.Groups["rest"].Value)),
        (Rx(@"Expecting an <expression> to the right of the operator instead of `(?<t>.*?)`"),
            m => $"Diharapkan sebuah nilai di sebelah kanan operator, tetapi ditemukan `{m.Groups["t"].Value}`."),
        (Rx(@"Expecting <[a-z_]*expression> instead of `(?<t>.*?)`"),
            m => $"Diharapkan sebuah nilai atau ekspresi, tetapi ditemukan `{m.Groups["t"].Value}`."),
        (Rx(@"Expecting a variable instead of `(?<t>.*?)`"),
            m => $"Diharapkan nama variabel, tetapi ditemukan `{m.Groups["t"].Value}`."),
        (Rx(@"The <end> statement was not found"),
            _ => "Penutup `end` tidak ditemukan: setiap `if`, `for`, `while`, `func`, `capture` dan `case` harus "
                + "ditutup dengan `{{ end }}`."),
        (Rx(@"Found <end> statement without a corresponding beginning"),
            _ => "Ada `end` tanpa blok pembuka (`if`, `for`, `while`, ...) yang sesuai."),
        (Rx(@"A else condition must be preceded"), _ => "`else` harus berada di dalam blok `if` atau `for`."),
        (Rx(@"Unexpected end of file while parsing a string not terminated by a (?<q>.)"),
            m => $"Teks tidak ditutup: tanda {m.Groups["q"].Value} penutup tidak ditemukan."),
        (Rx(@"Unexpected `(?<t>.*?)`\. Expecting '(?<e>.*?)'"),
            m => $"Tanda `{m.Groups["t"].Value}` tidak diharapkan di sini, seharusnya `{m.Groups["e"].Value}`."),
        (Rx(@"Unexpected token `?(?<t>[^`\s]+)`?"), m => $"Tanda `{m.Groups["t"].Value}` tidak diharapkan di sini."),
        (Rx(@"Invalid token found `(?<t>.*?)`"),
            m => $"Tanda `{m.Groups["t"].Value}` tidak diharapkan: seharusnya akhir perintah atau `}}}}`."),
        (Rx(@"Expecting a closing parenthesis"), _ => "Tanda kurung tutup `)` tidak ditemukan."),
        (Rx(@"Expecting an expression for argument function calls"), _ => "Argumen fungsi tidak lengkap atau tidak sah."),
        (Rx(@"iteration limit `(?<n>\d+)`"),
            m => $"Perulangan melebihi batas {m.Groups["n"].Value} putaran. Pastikan perulangan `for`/`while` "
                + "dapat berhenti."),
        (Rx(@"recursive depth limit `(?<n>\d+)`"),
            m => $"Pemanggilan bertingkat (fungsi atau include) melebihi batas {m.Groups["n"].Value} tingkat."),
        (Rx(@"LimitToString `(?<n>\d+)`"),
            m => $"Teks melebihi batas panjang {m.Groups["n"].Value} karakter."),
        (Rx(@"[Oo]utput ?[Ll]imit `?(?<n>\d+)"),
            m => $"Hasil dokumen melebihi batas ukuran {m.Groups["n"].Value} karakter."),
        (Rx(@"The variable or function `(?<v>.*?)` was not found"),
            m => $"Variabel atau fungsi `{m.Groups["v"].Value}` tidak dikenal. Periksa ejaan namanya."),
        (Rx(@"The function `(?<v>.*?)` was not found"), m => $"Fungsi `{m.Groups["v"].Value}` tidak dikenal."),
        (Rx(@"Cannot get the member (?<v>.*?) for a null object"),
            m => $"Tidak dapat membaca `{m.Groups["v"].Value}` karena nilainya kosong."),
        (Rx(@"Unable to convert type `(?<a>.*?)` to `(?<b>.*?)`"),
            m => $"Nilai bertipe `{m.Groups["a"].Value}` tidak dapat dipakai sebagai `{m.Groups["b"].Value}`."),
        (Rx(@"Invalid number of arguments `(?<n>\d+)` passed to `(?<f>.*?)` while expecting `(?<e>\d+)`"),
            m => $"Fungsi `{m.Groups["f"].Value}` memerlukan {m.Groups["e"].Value} argumen, tetapi diberi "
                + $"{m.Groups["n"].Value}."),
        (Rx(@"Argument index must be <"), _ => "Terlalu banyak argumen untuk fungsi ini."),
    ];

    public static string Translate(string message)
    {
        foreach (var (pattern, say) in Translations)
        {
            var match = pattern.Match(message);
            if (match.Success)
            {
                return say(match);
            }
        }

        return "Template tidak dapat diproses: " + message;
    }

    public static string Timeout(TimeSpan limit) =>
        $"Pembuatan dokumen dihentikan karena melebihi batas waktu {limit.TotalSeconds.ToString("0.#", IndonesianFormat.Culture)} detik. "
        + "Periksa perulangan `while`/`for` yang tidak pernah berhenti.";

    private static Regex Rx(string pattern) =>
        new(pattern, RegexOptions.CultureInvariant | RegexOptions.Singleline, TimeSpan.FromMilliseconds(100));
}
