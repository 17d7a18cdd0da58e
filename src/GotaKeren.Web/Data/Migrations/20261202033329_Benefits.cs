using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GotaKeren.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class Benefits : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "benefits",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    worker_id = table.Column<Guid>(type: "uuid", nullable: false),
                    sponsorship_id = table.Column<Guid>(type: "uuid", nullable: true),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    event_date = table.Column<DateOnly>(type: "date", nullable: false),
                    paid_on = table.Column<DateOnly>(type: "date", nullable: true),
                    amount = table.Column<long>(type: "bigint", nullable: false),
                    recipient = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    may_be_named = table.Column<bool>(type: "boolean", nullable: false),
                    coverage_on_event = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    jkm_full_benefit = table.Column<bool>(type: "boolean", nullable: false),
                    note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    recorded_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_benefits", x => new { x.tenant_id, x.id });
                    table.CheckConstraint("ck_benefits_amount", "amount > 0");
                    table.ForeignKey(
                        name: "fk_benefits_sponsorships_tenant_id_sponsorship_id",
                        columns: x => new { x.tenant_id, x.sponsorship_id },
                        principalTable: "sponsorships",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_benefits_workers_tenant_id_worker_id",
                        columns: x => new { x.tenant_id, x.worker_id },
                        principalTable: "workers",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_benefits_event_date",
                table: "benefits",
                columns: new[] { "tenant_id", "event_date" });

            migrationBuilder.CreateIndex(
                name: "ix_benefits_tenant_id_sponsorship_id",
                table: "benefits",
                columns: new[] { "tenant_id", "sponsorship_id" });

            migrationBuilder.CreateIndex(
                name: "ix_benefits_worker_id_kind_event_date",
                table: "benefits",
                columns: new[] { "tenant_id", "worker_id", "kind", "event_date" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "benefits");
        }
    }
}
