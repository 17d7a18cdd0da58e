namespace GotaKeren.Web.Protection;

public static class SponsorshipQueries
{
    /// <summary>
    /// The sponsorships a person may see: the regency admin all; everyone else their own (an ASN's or a
    /// company's), and a treasurer those of their unit's ASN.
    /// </summary>
    public static IQueryable<Sponsorship> VisibleTo(this IQueryable<Sponsorship> query, Actor actor) =>
        actor.IsAdmin
            ? query
            : query.Where(s => (actor.AsnId != null && s.AsnId == actor.AsnId) || (actor.CompanyId != null && s.CompanyId == actor.CompanyId)
                || (actor.IsTreasurer && actor.OpdId != null && s.Asn!.OpdId == actor.OpdId));
}
