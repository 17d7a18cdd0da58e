namespace GotaKeren.Web.Identifiers;

/// <summary>Sex as the NIK and the NIP encode it; nothing else in the product asks for it.</summary>
public enum Sex
{
    Male,
    Female,
}
