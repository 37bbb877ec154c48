namespace OtMz.Api.Contracts;

/// <summary>POST /api/v1/auth/dashboard-session: where the dashboard is, and when the session cookie just set ends.</summary>
public sealed record DashboardSessionResponse(string Path, DateTimeOffset ExpiresAt);
