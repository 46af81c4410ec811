using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TrustAgain.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SecondFactorHardening : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "LastAuthenticatorStep",
                table: "AspNetUsers",
                type: "INTEGER",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "LastAuthenticatorStep",
                table: "AspNetUsers");
        }
    }
}
