using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GotaKeren.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class Contributions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "contribution_cycles",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    month = table.Column<DateOnly>(type: "date", nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    progress = table.Column<int>(type: "integer", nullable: false),
                    runs = table.Column<int>(type: "integer", nullable: false),
                    dues = table.Column<int>(type: "integer", nullable: false),
                    unpriced = table.Column<int>(type: "integer", nullable: false),
                    error = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    started_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    finished_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_contribution_cycles", x => new { x.tenant_id, x.id });
                });

            migrationBuilder.CreateTable(
                name: "dues",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    sponsorship_id = table.Column<Guid>(type: "uuid", nullable: false),
                    month = table.Column<DateOnly>(type: "date", nullable: false),
                    due_on = table.Column<DateOnly>(type: "date", nullable: false),
                    amount = table.Column<long>(type: "bigint", nullable: false),
                    jkk = table.Column<long>(type: "bigint", nullable: false),
                    jkm = table.Column<long>(type: "bigint", nullable: false),
                    jht = table.Column<long>(type: "bigint", nullable: false),
                    declared_income = table.Column<long>(type: "bigint", nullable: false),
                    package = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    sector = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    channel = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    public_money = table.Column<bool>(type: "boolean", nullable: false),
                    discount_applied = table.Column<bool>(type: "boolean", nullable: false),
                    tariff_legal_basis = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    discount_legal_basis = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    paid = table.Column<long>(type: "bigint", nullable: false),
                    paid_on = table.Column<DateOnly>(type: "date", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_dues", x => new { x.tenant_id, x.id });
                    table.CheckConstraint("ck_dues_paid", "paid >= 0 AND paid <= amount");
                    table.ForeignKey(
                        name: "fk_dues_sponsorships_tenant_id_sponsorship_id",
                        columns: x => new { x.tenant_id, x.sponsorship_id },
                        principalTable: "sponsorships",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "notice_logs",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    key = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    email = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    sent_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_notice_logs", x => new { x.tenant_id, x.key, x.email });
                });

            migrationBuilder.CreateTable(
                name: "payments",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    method = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    amount = table.Column<long>(type: "bigint", nullable: false),
                    paid_on = table.Column<DateOnly>(type: "date", nullable: false),
                    reference = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    asn_id = table.Column<Guid>(type: "uuid", nullable: true),
                    company_id = table.Column<Guid>(type: "uuid", nullable: true),
                    sponsorship_id = table.Column<Guid>(type: "uuid", nullable: true),
                    credit = table.Column<long>(type: "bigint", nullable: false),
                    proof_file_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    proof_content_type = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    proof = table.Column<byte[]>(type: "bytea", nullable: true),
                    note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    recorded_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_payments", x => new { x.tenant_id, x.id });
                    table.CheckConstraint("ck_payments_amount", "amount >= 0 AND credit >= 0 AND credit <= amount");
                    table.CheckConstraint("ck_payments_one_payer", "(asn_id IS NOT NULL)::int + (company_id IS NOT NULL)::int = 1");
                    table.ForeignKey(
                        name: "fk_payments_asn_tenant_id_asn_id",
                        columns: x => new { x.tenant_id, x.asn_id },
                        principalTable: "asn",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_payments_companies_tenant_id_company_id",
                        columns: x => new { x.tenant_id, x.company_id },
                        principalTable: "companies",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_payments_sponsorships_tenant_id_sponsorship_id",
                        columns: x => new { x.tenant_id, x.sponsorship_id },
                        principalTable: "sponsorships",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "payment_allocations",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    payment_id = table.Column<Guid>(type: "uuid", nullable: false),
                    due_id = table.Column<Guid>(type: "uuid", nullable: false),
                    amount = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_payment_allocations", x => new { x.tenant_id, x.payment_id, x.due_id });
                    table.CheckConstraint("ck_payment_allocations_amount", "amount > 0");
                    table.ForeignKey(
                        name: "fk_payment_allocations_dues_tenant_id_due_id",
                        columns: x => new { x.tenant_id, x.due_id },
                        principalTable: "dues",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_payment_allocations_payments_tenant_id_payment_id",
                        columns: x => new { x.tenant_id, x.payment_id },
                        principalTable: "payments",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_contribution_cycles_month",
                table: "contribution_cycles",
                columns: new[] { "tenant_id", "month" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_dues_month",
                table: "dues",
                columns: new[] { "tenant_id", "month" });

            migrationBuilder.CreateIndex(
                name: "ix_dues_sponsorship_id_month",
                table: "dues",
                columns: new[] { "tenant_id", "sponsorship_id", "month" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_payment_allocations_tenant_id_due_id",
                table: "payment_allocations",
                columns: new[] { "tenant_id", "due_id" });

            migrationBuilder.CreateIndex(
                name: "ix_payments_method_reference",
                table: "payments",
                columns: new[] { "tenant_id", "method", "reference" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_payments_tenant_id_asn_id",
                table: "payments",
                columns: new[] { "tenant_id", "asn_id" });

            migrationBuilder.CreateIndex(
                name: "ix_payments_tenant_id_company_id",
                table: "payments",
                columns: new[] { "tenant_id", "company_id" });

            migrationBuilder.CreateIndex(
                name: "ix_payments_tenant_id_sponsorship_id",
                table: "payments",
                columns: new[] { "tenant_id", "sponsorship_id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "contribution_cycles");

            migrationBuilder.DropTable(
                name: "notice_logs");

            migrationBuilder.DropTable(
                name: "payment_allocations");

            migrationBuilder.DropTable(
                name: "dues");

            migrationBuilder.DropTable(
                name: "payments");
        }
    }
}
