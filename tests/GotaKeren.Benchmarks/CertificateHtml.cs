using System.Net;
using GotaKeren.Templating;
using GotaKeren.Templating.Documents;

namespace GotaKeren.Benchmarks;

/// <summary>
/// The floor for HTML rendering: the sponsor certificate built by plain C# string interpolation from the same
/// model fields, with the same escaping, Indonesian formats and QR code, and no template engine. Mirrors
/// templates/sponsor-certificate.sbn-html and its two partials; the scenario checks the output is identical.
/// </summary>
internal sealed class CertificateHtml(string printStyle)
{
    /// <summary>The print-style partial's text without its leading Scriban comment: static CSS, read once.</summary>
    public static CertificateHtml FromDefaults(string repositoryRoot)
    {
        var text = File.ReadAllText(Path.Combine(repositoryRoot, "templates", TemplateNames.PrintStyle + TemplateNames.Extension));
        var comment = text.IndexOf("-}}", StringComparison.Ordinal);
        return new CertificateHtml(comment < 0 ? text : text[(comment + 3)..].TrimStart());
    }

    public string Build(SponsorCertificateModel m)
    {
        var l = m.Letterhead;
        var color = E(l.PrimaryColor);
        var sponsorLine = Has(m.SponsorNip) || Has(m.SponsorUnit)
            ? $"\n  <p>{(Has(m.SponsorNip) ? "NIP " + E(m.SponsorNip) : "")}{(Has(m.SponsorNip) && Has(m.SponsorUnit) ? " &middot; " : "")}{E(m.SponsorUnit)}</p>"
            : "";
        var signatoryNip = Has(m.Signatory.Nip) ? $"<div>NIP {E(m.Signatory.Nip)}</div>" : "";
        return $$"""
            <!DOCTYPE html>
            <html lang="id">
            <head>
            <meta charset="utf-8">
            <title>Piagam Orang Tua Asuh - {{E(m.SponsorName)}}</title>
            {{printStyle}}
            <style>
              @page { size: A4 landscape; margin: 10mm; }
              @media screen { body { width: 297mm; min-height: 210mm; padding: 10mm; } }
              .piagam { border: 3mm double {{color}}; padding: 6mm 14mm; height: 184mm; display: flex; flex-direction: column; position: relative;
                        text-align: center; font-family: "DejaVu Serif", "Liberation Serif", serif; }
              .piagam .kop { text-align: left; }
              .piagam .kop-garis { margin-bottom: 3mm; }
              @media screen { .piagam { height: auto; min-height: 184mm; } }
              .piagam h1 { font-size: 26pt; letter-spacing: 3pt; margin: 2mm 0 0; color: {{color}}; }
              .piagam .nomor { margin-bottom: 5mm; }
              .penerima { align-self: center; font-size: 22pt; font-weight: bold; margin: 3mm 0 1mm; border-bottom: 1px solid #999; display: inline-block; padding: 0 10mm 1mm; }
              .piagam p { text-align: center; font-size: 12pt; margin: 0 0 1.5mm; }
              .piagam .ttd .ruang { height: 15mm; }
              .piagam .ttd { margin-top: 0; width: 100mm; }
              .kaki { display: flex; justify-content: space-between; align-items: flex-end; margin-top: auto; text-align: left; }
              .kaki .ttd { margin: 0; text-align: center; }
              .verifikasi { display: flex; gap: 3mm; align-items: flex-end; font-size: 9pt; max-width: 95mm; }
            </style>
            </head>
            <body>
            <div class="piagam">
              {{Letterhead(l)}}
              <h1>PIAGAM</h1>
              <div class="nomor">Nomor {{E(m.CertificateNumber)}}</div>
              <p>diberikan kepada</p>
              <div class="penerima">{{E(m.SponsorName)}}</div>{{sponsorLine}}
              <p style="margin-top: 4mm">sebagai <strong>Orang Tua Asuh Pekerja Rentan</strong> dalam {{E(m.MovementTitle)}},</p>
              <p>yang telah melindungi <strong>{{m.WorkersProtected}} ({{E(IndonesianFormat.Words(m.WorkersProtected))}}) pekerja rentan</strong>
                 dengan jaminan sosial ketenagakerjaan</p>
              <p>periode {{E(IndonesianFormat.Month(m.FirstMonth))}} sampai dengan {{E(IndonesianFormat.Month(m.LastMonth))}}.</p>
              <p>Semoga kepedulian ini menjadi amal kebaikan dan teladan bagi sesama.</p>
              <div class="kaki">
                <div class="verifikasi">
                  <div class="qr">{{QrCodes.Svg(m.VerificationUrl)}}</div>
                  <div>Pindai kode QR untuk memeriksa keaslian piagam ini:<br>{{E(m.VerificationUrl)}}</div>
                </div>
                <div class="ttd">
                  {{E(m.Place)}}, {{E(IndonesianFormat.Date(m.Date))}}<br>
                  <strong>{{E(m.Signatory.Position.ToUpperInvariant())}},</strong>
                  <div class="ruang"></div>
                  <div class="nama">{{E(m.Signatory.Name)}}</div>{{signatoryNip}}
                </div>
              </div>
            </div>
            </body>
            </html>

            """;
    }

    private static string Letterhead(Letterhead l)
    {
        var logo = Has(l.LogoDataUri)
            ? $"\n    <img class=\"kop-logo\" src=\"{E(l.LogoDataUri)}\" alt=\"Lambang {E(l.RegencyName)}\">"
            : "";
        var agency = Has(l.AgencyName) ? $"\n      <div class=\"kop-dinas\">{E(l.AgencyName)}</div>" : "";
        var phone = Has(l.Phone) ? " · Telepon " + E(l.Phone) : "";
        var contact = Has(l.Email) || Has(l.Website)
            ? "\n      <div class=\"kop-kontak\">"
              + (Has(l.Email) ? "Pos-el: " + E(l.Email) : "")
              + (Has(l.Email) && Has(l.Website) ? " · " : "")
              + (Has(l.Website) ? "Laman: " + E(l.Website) : "")
              + "</div>"
            : "";
        // Scriban indents an included partial's lines by the indentation of the include (two spaces here).
        return $"""
            <header class="kop">{logo}
                <div class="kop-teks">
                  <div class="kop-pemerintah">{E(l.GovernmentName)}</div>{agency}
                  <div class="kop-alamat">{E(l.Address)}{phone}</div>{contact}
                </div>
              </header>
              <hr class="kop-garis">

            """;
    }

    // The template model turns blank strings into null, so `if x` means "if there is one".
    private static bool Has(string? text) => !string.IsNullOrWhiteSpace(text);

    private static string E(string? text) => Has(text) ? WebUtility.HtmlEncode(text) ?? "" : "";
}
