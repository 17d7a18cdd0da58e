using GotaKeren.Web.Contributions;
using GotaKeren.Web.Identifiers;
using GotaKeren.Web.Regions;
using GotaKeren.Web.Rules;
using GotaKeren.Web.Shell;

namespace GotaKeren.Web.Protection;

/// <summary>What a person typed (or a file held) about a worker, before it is checked.</summary>
public sealed record WorkerInput(
    string? Nik,
    string? FullName,
    DateOnly? BirthDate,
    string? OccupationCode,
    string? VillageCode,
    string? Phone,
    long? DeclaredIncome,
    string? Address = null);

/// <summary>The checked worker, or the problems by field. Warnings never stop a registration.</summary>
public sealed record WorkerCheck(
    Worker? Worker,
    IReadOnlyDictionary<string, string[]> Errors,
    IReadOnlyDictionary<string, string[]> Warnings)
{
    public bool IsValid => Errors.Count == 0;
}

/// <summary>
/// The registry's rules for a worker, the same for the form, the API and the pool import (domain.md §2-3):
/// a valid NIK whose province exists (an unknown district only warns); birth date and sex from the NIK, a
/// typed date that disagrees is an error; under 65 at registration; an occupation of the reference list (and
/// of the circular letter, when it names some); a village of this regency; a mobile number; a declared income
/// of at least the BPJS minimum.
/// </summary>
public static class WorkerValidator
{
    public const int MaximumAge = 65;

    public static WorkerCheck Check(WorkerInput input, string regencyCode, ProgrammeRules? rules, DateOnly today)
    {
        var errors = new Dictionary<string, List<string>>();
        var warnings = new Dictionary<string, List<string>>();
        void Error(string field, string message) => Add(errors, field, message);

        var nik = Identifiers.Nik.Validate(input.Nik, today);
        foreach (var error in nik.Errors)
        {
            Error("nik", error);
        }

        foreach (var warning in nik.Warnings)
        {
            Add(warnings, "nik", warning);
        }

        var name = input.FullName is null ? "" : string.Join(' ', input.FullName.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (name.Length == 0)
        {
            Error("fullName", "Nama lengkap wajib diisi, sesuai KTP.");
        }
        else if (name.Length > 200)
        {
            Error("fullName", $"Nama lengkap terlalu panjang ({name.Length} karakter); paling banyak 200.");
        }
        else if (!name.Any(char.IsLetter))
        {
            Error("fullName", $"Nama lengkap '{name}' tidak memuat huruf.");
        }

        if (nik is { IsValid: true, BirthDate: { } born })
        {
            if (input.BirthDate is { } typed && typed != born)
            {
                Error("birthDate", $"Tanggal lahir {Formats.Date(typed)} tidak cocok dengan NIK, yang menunjukkan {Formats.Date(born)}. " +
                    "Periksa kembali NIK atau tanggal lahir pada KTP.");
            }

            var age = AgeOn(born, today);
            if (age >= MaximumAge)
            {
                Error("birthDate", $"Pekerja berusia {age} tahun: peserta BPU harus berusia di bawah {MaximumAge} tahun saat mendaftar.");
            }
        }

        var occupationCode = input.OccupationCode?.Trim() ?? "";
        var occupation = occupationCode.Length == 0 ? null : OccupationCatalog.Standard.Find(occupationCode);
        if (occupationCode.Length == 0)
        {
            Error("occupationCode", "Jenis pekerjaan wajib dipilih.");
        }
        else if (occupation is null)
        {
            Error("occupationCode", $"Jenis pekerjaan '{occupationCode}' tidak ada di daftar pekerjaan BPU.");
        }
        else if (rules is { EligibleOccupations.Count: > 0 }
            && !rules.EligibleOccupations.Contains(occupation.Code, StringComparer.OrdinalIgnoreCase))
        {
            Error("occupationCode", $"Pekerjaan '{occupation.Name}' tidak termasuk sasaran menurut surat edaran yang berlaku.");
        }

        var village = input.VillageCode?.Trim() ?? "";
        if (village.Length == 0)
        {
            Error("villageCode", "Desa/kelurahan tempat tinggal wajib dipilih.");
        }
        else if (!Wilayah.Official.IsVillage(village))
        {
            Error("villageCode", $"Kode desa/kelurahan '{village}' tidak ada di daftar wilayah resmi (Kepmendagri).");
        }
        else if (!village.StartsWith(regencyCode + ".", StringComparison.Ordinal))
        {
            Error("villageCode", $"Desa/kelurahan {Wilayah.Official.Name(village)} ({village}) bukan wilayah {Wilayah.Official.Name(regencyCode)}: " +
                "pekerja didaftarkan di kabupaten tempat tinggalnya.");
        }

        if (input.Address?.Trim().Length > 300)
        {
            Error("address", $"Alamat terlalu panjang ({input.Address.Trim().Length} karakter); paling banyak 300.");
        }

        string? phone = null;
        if (!string.IsNullOrWhiteSpace(input.Phone))
        {
            (phone, var phoneError) = PhoneNumber.Parse(input.Phone.Trim());
            if (phoneError is not null)
            {
                Error("phone", phoneError);
            }
        }

        var minimum = TariffSchedule.Standard.For(today)?.MinimumDeclaredIncome ?? 1_000_000;
        var income = input.DeclaredIncome ?? rules?.DeclaredIncome ?? minimum;
        if (income < minimum)
        {
            Error("declaredIncome", $"Penghasilan yang dilaporkan {Formats.Rupiah(income)} di bawah batas minimal BPJS Ketenagakerjaan {Formats.Rupiah(minimum)} per bulan.");
        }
        else if (income > 1_000_000_000)
        {
            Error("declaredIncome", $"Penghasilan {Formats.Rupiah(income)} per bulan tidak wajar untuk pekerja rentan; periksa jumlah nol.");
        }

        if (errors.Count > 0)
        {
            return new WorkerCheck(null, Freeze(errors), Freeze(warnings));
        }

        var worker = new Worker
        {
            Id = Guid.CreateVersion7(),
            Nik = nik.Value!,
            FullName = name,
            NameKey = Worker.KeyOf(name),
            BirthDate = nik.BirthDate!.Value,
            Sex = nik.Sex!.Value,
            OccupationCode = occupation!.Code,
            VillageCode = village,
            Address = string.IsNullOrWhiteSpace(input.Address) ? null : input.Address.Trim(),
            Phone = phone,
            DeclaredIncome = income,
            CreatedBy = "",
        };
        return new WorkerCheck(worker, Freeze(errors), Freeze(warnings));
    }

    public static int AgeOn(DateOnly born, DateOnly day)
    {
        var age = day.Year - born.Year;
        return born.AddYears(age) > day ? age - 1 : age;
    }

    private static void Add(Dictionary<string, List<string>> map, string field, string message)
    {
        if (!map.TryGetValue(field, out var list))
        {
            map[field] = list = [];
        }

        list.Add(message);
    }

    private static Dictionary<string, string[]> Freeze(Dictionary<string, List<string>> map) =>
        map.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray());
}
