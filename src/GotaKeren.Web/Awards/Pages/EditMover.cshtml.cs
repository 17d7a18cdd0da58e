using System.ComponentModel.DataAnnotations;
using GotaKeren.Web.Data;
using GotaKeren.Web.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace GotaKeren.Web.Awards.Pages;

/// <summary>Records a community mover, or corrects one: who, where, what they did, and the year of the award.</summary>
[Authorize(Policy = Policies.RegencyAdmin)]
public sealed class EditMoverModel(AppDbContext db, Rules.RulesInForce inForce) : PageModel
{
    public sealed class MoverInput
    {
        public MoverKind Kind { get; set; }

        [Required(ErrorMessage = "Nama penggerak wajib diisi.")]
        [StringLength(Mover.NameLength, ErrorMessage = "Nama penggerak paling panjang 200 huruf.")]
        public string? Name { get; set; }

        [StringLength(Mover.PlaceLength, ErrorMessage = "Tempat paling panjang 200 huruf.")]
        public string? Place { get; set; }

        [Required(ErrorMessage = "Yang dilakukan wajib diisi: ini yang tertulis di piagam.")]
        [StringLength(Mover.DeedsLength, ErrorMessage = "Yang dilakukan paling panjang 1.000 huruf.")]
        public string? Deeds { get; set; }

        [Required(ErrorMessage = "Tahun penghargaan wajib diisi.")]
        [Range(2000, 2100, ErrorMessage = "Tahun penghargaan harus antara 2000 dan 2100.")]
        public int? Year { get; set; }

        /// <summary>The new mover's id, drawn when the empty form is shown: the same form sent twice is one mover.</summary>
        public Guid? Ticket { get; set; }
    }

    [BindProperty]
    public MoverInput Input { get; set; } = new();

    public Guid? Id { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid? id, CancellationToken ct)
    {
        Id = id;
        if (id is null)
        {
            Input.Year = inForce.Today.Year;
            Input.Ticket = Guid.CreateVersion7();
            return Page();
        }

        var mover = await db.Movers.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, ct);
        if (mover is null)
        {
            return NotFound();
        }

        Input = new MoverInput { Kind = mover.Kind, Name = mover.Name, Place = mover.Place, Deeds = mover.Deeds, Year = mover.Year };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid? id, CancellationToken ct)
    {
        Id = id;
        if (!Enum.IsDefined(Input.Kind))
        {
            ModelState.AddModelError("Input.Kind", "Pilih jenis penggerak: perorangan atau desa/kelurahan.");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var mover = id is null ? null : await db.Movers.FirstOrDefaultAsync(m => m.Id == id, ct);
        if (id is not null && mover is null)
        {
            return NotFound();
        }

        if (mover is null)
        {
            mover = new Mover { Id = Input.Ticket ?? Guid.CreateVersion7(), Name = "", Deeds = "", CreatedBy = User.Identity!.Name! };
            db.Movers.Add(mover);
        }

        mover.Kind = Input.Kind;
        mover.Name = Input.Name!.Trim();
        mover.Place = string.IsNullOrWhiteSpace(Input.Place) ? null : Input.Place.Trim();
        mover.Deeds = Input.Deeds!.Trim();
        mover.Year = Input.Year!.Value;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (id is null && e.IsUniqueViolation("pk_movers"))
        {
            TempData["Message"] = $"Penggerak {mover.Name} sudah tercatat dari formulir yang sama.";
            return RedirectToPage("/Awards/Pages/Awards");
        }

        TempData["Message"] = id is null ? $"Penggerak {mover.Name} tercatat." : $"Catatan {mover.Name} diperbarui.";
        return RedirectToPage("/Awards/Pages/Awards");
    }
}
