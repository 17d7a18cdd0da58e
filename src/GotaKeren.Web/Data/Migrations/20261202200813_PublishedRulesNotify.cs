using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GotaKeren.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class PublishedRulesNotify : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Every node keeps each regency's letter in force and forgets it when it hears this: a trigger, so a
            // letter published by any path (the regent's page, an onboarding file, raw SQL) is heard. NOTIFY is
            // delivered when the transaction commits, and only then.
            migrationBuilder.Sql("""
                CREATE FUNCTION rules_versions_notify_published() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  PERFORM pg_notify('rules_published', NEW.tenant_id::text);
                  RETURN NULL;
                END $$;
                CREATE TRIGGER rules_versions_published AFTER INSERT OR UPDATE ON rules_versions
                  FOR EACH ROW WHEN (NEW.status = 'Published') EXECUTE FUNCTION rules_versions_notify_published();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS rules_versions_published ON rules_versions; DROP FUNCTION IF EXISTS rules_versions_notify_published();");
        }
    }
}
