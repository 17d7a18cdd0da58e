using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GotaKeren.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class ParallelClicksSettleOnce : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_account_activations_asn_id",
                table: "account_activations");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "invited_at",
                table: "users",
                type: "timestamp with time zone",
                nullable: true);

            // Codes issued twice at once before this index existed: the newest of each ASN's unused codes stays.
            migrationBuilder.Sql("""
                DELETE FROM account_activations a
                USING account_activations b
                WHERE a.tenant_id = b.tenant_id AND a.asn_id = b.asn_id AND a.used_at IS NULL AND b.used_at IS NULL
                  AND (a.created_at, a.id) < (b.created_at, b.id);
                """);

            migrationBuilder.CreateIndex(
                name: "ux_account_activations_unused",
                table: "account_activations",
                columns: new[] { "tenant_id", "asn_id" },
                unique: true,
                filter: "used_at IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ux_account_activations_unused",
                table: "account_activations");

            migrationBuilder.DropColumn(
                name: "invited_at",
                table: "users");

            migrationBuilder.CreateIndex(
                name: "ix_account_activations_asn_id",
                table: "account_activations",
                columns: new[] { "tenant_id", "asn_id" });
        }
    }
}
