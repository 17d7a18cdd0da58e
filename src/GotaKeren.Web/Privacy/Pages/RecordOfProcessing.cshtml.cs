using GotaKeren.Web.Data;
using GotaKeren.Web.Identity;
using GotaKeren.Web.Rules;
using GotaKeren.Web.Tenancy;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace GotaKeren.Web.Privacy.Pages;

/// <summary>
/// The record of processing (UU 27/2022 art. 31) written from the product's own settings, so it cannot drift from
/// what the product does: the controller and its officer, each purpose with the data it uses, who receives it,
/// and how long it is kept (the regency's retention settings). Printable from the browser.
/// </summary>
[Authorize(Policy = Policies.RegencyStaff)]
public sealed class RecordOfProcessingModel(AppDbContext db, TenantContext scope, RulesInForce rules) : PageModel
{
    public sealed record Activity(string Purpose, string Subjects, string Data, string Basis, string Recipients, string Retention);

    public PrivacySettings Settings { get; private set; } = new();
    public string RegencyName => scope.Tenant!.Name;
    public IReadOnlyList<Activity> Activities { get; private set; } = [];
    public IReadOnlyList<string> Channels { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Settings = await db.PrivacySettings.AsNoTracking().FirstOrDefaultAsync(ct) ?? new PrivacySettings();
        var current = await rules.CurrentAsync(ct);
        Channels = current is null ? [] : [.. current.Channels.Select(c => ProgrammeRules.Label(c.Channel))];
        var sms = HttpContext.RequestServices.GetRequiredService<Mail.SmsGateway>().Configured;
        var s = Settings;
        var workerKept = $"selama dilindungi dan {s.EndedSponsorshipMonths} bulan sesudah perlindungan terakhir berakhir, lalu dianonimkan (iuran dan pembayaran tetap sebagai bukti)";
        Activities =
        [
            new("Pendaftaran pekerja rentan sebagai peserta BPJS Ketenagakerjaan BPU", "Pekerja rentan",
                "NIK, nama, tanggal lahir, jenis kelamin, alamat dan desa, nomor HP, pekerjaan, penghasilan yang dilaporkan, nomor KPJ",
                "Persetujuan tertulis pekerja (formulir bertanda tangan" + (sms ? " atau kode SMS" : "") + ")",
                "BPJS Ketenagakerjaan; orang tua asuh (nama, NIK tersamar, status kepesertaan)", workerKept),
            new("Bukti persetujuan pekerja", "Pekerja rentan", "Pindaian formulir persetujuan, versi teks, waktu, pencatat",
                "Kewajiban membuktikan persetujuan (UU 27/2022)", "Tidak diberikan kepada pihak lain",
                $"pindaian: {s.ConsentEvidenceMonths} bulan sesudah perlindungan terakhir berakhir; tanggal dan versi tetap"),
            new("Pembayaran iuran oleh orang tua asuh", "ASN, kontak perusahaan, pekerja", "Bulan dan jumlah iuran, pembayaran, potongan gaji (NIP, nama, pangkat)",
                "Pelaksanaan surat edaran kepala daerah; perjanjian orang tua asuh", "BPJS Ketenagakerjaan (rekap setoran); bendahara OPD; penyedia pembayaran daring"
                + (Channels.Count > 0 ? $" (saluran: {string.Join(", ", Channels)})" : ""), "selama program berjalan, sebagai bukti pembayaran"),
            new("Kepatuhan ASN dan pengingat", "ASN", "NIP, NIK (bila tanpa NIP), nama, unit kerja, jabatan, pangkat, e-mail, HP", "Tugas pemerintahan (surat edaran)",
                "Admin OPD (unitnya), Bupati", "selama tercatat di roster BKPSDM; ASN yang keluar dari roster dinonaktifkan"),
            new("Berkas impor dan pertukaran data", "Pekerja, ASN", "Berkas roster, data desa, berkas BPJS (NIK, nama)", "Pelaksanaan program",
                "BPJS Ketenagakerjaan (berkas pendaftaran dan setoran)", $"{s.ImportedFileDays} hari sesudah diunggah"),
            new("Jejak akses dan permintaan pemilik data", "Semua pemilik data", "Siapa membuka data siapa, kapan dan alasannya; permintaan dan jawabannya",
                "Akuntabilitas (UU 27/2022)", "Pemilik data (dalam salinan datanya)", "selama program berjalan; tanpa menyalin data yang dihapus"),
        ];
    }
}
