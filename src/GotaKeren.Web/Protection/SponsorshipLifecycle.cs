namespace GotaKeren.Web.Protection;

public enum SponsorshipEvent
{
    ConsentRecorded,
    ConsentWithdrawn,
    Activate,
    End,
    Lapse,
}

/// <summary>
/// The only legal moves of a sponsorship. Anything not listed is refused with a sentence a person can act on.
/// Ended and lapsed are final: protecting the worker again is a new sponsorship.
/// </summary>
public static class SponsorshipLifecycle
{
    private static readonly Dictionary<(SponsorshipStatus, SponsorshipEvent), SponsorshipStatus> Moves = new()
    {
        [(SponsorshipStatus.AwaitingConsent, SponsorshipEvent.ConsentRecorded)] = SponsorshipStatus.Draft,
        [(SponsorshipStatus.Draft, SponsorshipEvent.ConsentWithdrawn)] = SponsorshipStatus.AwaitingConsent,
        [(SponsorshipStatus.Active, SponsorshipEvent.ConsentWithdrawn)] = SponsorshipStatus.Ended,
        [(SponsorshipStatus.Draft, SponsorshipEvent.Activate)] = SponsorshipStatus.Active,
        [(SponsorshipStatus.Draft, SponsorshipEvent.End)] = SponsorshipStatus.Ended,
        [(SponsorshipStatus.AwaitingConsent, SponsorshipEvent.End)] = SponsorshipStatus.Ended,
        [(SponsorshipStatus.Active, SponsorshipEvent.End)] = SponsorshipStatus.Ended,
        [(SponsorshipStatus.Active, SponsorshipEvent.Lapse)] = SponsorshipStatus.Lapsed,
    };

    /// <summary>The status after the event, or why it is not allowed.</summary>
    public static (SponsorshipStatus? Next, string? Refusal) Apply(SponsorshipStatus current, SponsorshipEvent happening) =>
        Moves.TryGetValue((current, happening), out var next)
            ? (next, null)
            : (null, Refusal(current, happening));

    /// <summary>Whether the sponsorship still holds its worker (the NIK cannot be taken by another sponsor).</summary>
    public static bool HoldsWorker(SponsorshipStatus status) => status is not (SponsorshipStatus.Ended or SponsorshipStatus.Lapsed);

    public static string Label(SponsorshipStatus status) => status switch
    {
        SponsorshipStatus.Draft => "Draf: menunggu konfirmasi",
        SponsorshipStatus.AwaitingConsent => "Menunggu persetujuan pekerja",
        SponsorshipStatus.Active => "Aktif",
        SponsorshipStatus.Ended => "Berakhir",
        SponsorshipStatus.Lapsed => "Gugur (iuran tidak dibayar)",
        _ => status.ToString(),
    };

    private static string Refusal(SponsorshipStatus current, SponsorshipEvent happening) => (current, happening) switch
    {
        (SponsorshipStatus.AwaitingConsent, SponsorshipEvent.Activate) =>
            "Belum dapat diaktifkan: persetujuan pekerja (formulir yang ditandatangani pekerja) belum diunggah.",
        (SponsorshipStatus.Active, SponsorshipEvent.Activate) => "Perlindungan ini sudah aktif.",
        (SponsorshipStatus.Ended or SponsorshipStatus.Lapsed, _) =>
            $"Perlindungan ini sudah {Label(current).ToLowerInvariant()}; untuk melindungi pekerja ini lagi, daftarkan perlindungan baru.",
        (_, SponsorshipEvent.Lapse) => "Hanya perlindungan yang aktif yang dapat gugur karena iuran tidak dibayar.",
        (_, SponsorshipEvent.ConsentRecorded) => "Persetujuan pekerja sudah tercatat untuk perlindungan ini.",
        _ => $"Perlindungan berstatus '{Label(current)}' tidak dapat diubah dengan cara ini.",
    };
}
