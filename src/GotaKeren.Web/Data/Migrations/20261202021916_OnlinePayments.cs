using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GotaKeren.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class OnlinePayments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "ck_payments_amount",
                table: "payments");

            migrationBuilder.AddColumn<long>(
                name: "refunded",
                table: "payments",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.CreateTable(
                name: "checkouts",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    provider = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    content_key = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    amount = table.Column<long>(type: "bigint", nullable: false),
                    months = table.Column<int>(type: "integer", nullable: false),
                    asn_id = table.Column<Guid>(type: "uuid", nullable: true),
                    company_id = table.Column<Guid>(type: "uuid", nullable: true),
                    session_id = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    checkout_url = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    provider_payment_id = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    payment_id = table.Column<Guid>(type: "uuid", nullable: true),
                    refunded = table.Column<long>(type: "bigint", nullable: false),
                    failure_reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    created_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    completed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_checkouts", x => new { x.tenant_id, x.id });
                    table.CheckConstraint("ck_checkouts_amounts", "amount > 0 AND refunded >= 0 AND refunded <= amount");
                    table.ForeignKey(
                        name: "fk_checkouts_payments_tenant_id_payment_id",
                        columns: x => new { x.tenant_id, x.payment_id },
                        principalTable: "payments",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "provider_events",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    provider = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    event_id = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    type = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    checkout_id = table.Column<Guid>(type: "uuid", nullable: true),
                    result = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    occurred_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    received_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_provider_events", x => new { x.tenant_id, x.id });
                });

            migrationBuilder.CreateTable(
                name: "checkout_lines",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    checkout_id = table.Column<Guid>(type: "uuid", nullable: false),
                    due_id = table.Column<Guid>(type: "uuid", nullable: false),
                    sponsorship_id = table.Column<Guid>(type: "uuid", nullable: false),
                    month = table.Column<DateOnly>(type: "date", nullable: false),
                    amount = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_checkout_lines", x => new { x.tenant_id, x.checkout_id, x.due_id });
                    table.CheckConstraint("ck_checkout_lines_amount", "amount > 0");
                    table.ForeignKey(
                        name: "fk_checkout_lines_checkouts_tenant_id_checkout_id",
                        columns: x => new { x.tenant_id, x.checkout_id },
                        principalTable: "checkouts",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_checkout_lines_dues_tenant_id_due_id",
                        columns: x => new { x.tenant_id, x.due_id },
                        principalTable: "dues",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.AddCheckConstraint(
                name: "ck_payments_amount",
                table: "payments",
                sql: "amount >= 0 AND credit >= 0 AND refunded >= 0 AND credit + refunded <= amount");

            migrationBuilder.CreateIndex(
                name: "ix_checkout_lines_tenant_id_due_id",
                table: "checkout_lines",
                columns: new[] { "tenant_id", "due_id" });

            migrationBuilder.CreateIndex(
                name: "ix_checkouts_asn_id",
                table: "checkouts",
                columns: new[] { "tenant_id", "asn_id" });

            migrationBuilder.CreateIndex(
                name: "ix_checkouts_company_id",
                table: "checkouts",
                columns: new[] { "tenant_id", "company_id" });

            migrationBuilder.CreateIndex(
                name: "ix_checkouts_content_key",
                table: "checkouts",
                columns: new[] { "tenant_id", "content_key" },
                unique: true,
                filter: "status = 'Open'");

            migrationBuilder.CreateIndex(
                name: "ix_checkouts_provider_provider_payment_id",
                table: "checkouts",
                columns: new[] { "tenant_id", "provider", "provider_payment_id" });

            migrationBuilder.CreateIndex(
                name: "ix_checkouts_provider_session_id",
                table: "checkouts",
                columns: new[] { "tenant_id", "provider", "session_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_checkouts_tenant_id_payment_id",
                table: "checkouts",
                columns: new[] { "tenant_id", "payment_id" });

            migrationBuilder.CreateIndex(
                name: "ix_provider_events_checkout_id",
                table: "provider_events",
                columns: new[] { "tenant_id", "checkout_id" });

            migrationBuilder.CreateIndex(
                name: "ix_provider_events_provider_event_id",
                table: "provider_events",
                columns: new[] { "tenant_id", "provider", "event_id" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "checkout_lines");

            migrationBuilder.DropTable(
                name: "provider_events");

            migrationBuilder.DropTable(
                name: "checkouts");

            migrationBuilder.DropCheckConstraint(
                name: "ck_payments_amount",
                table: "payments");

            migrationBuilder.DropColumn(
                name: "refunded",
                table: "payments");

            migrationBuilder.AddCheckConstraint(
                name: "ck_payments_amount",
                table: "payments",
                sql: "amount >= 0 AND credit >= 0 AND credit <= amount");
        }
    }
}
