# The standalone silo (assembly OtMz.Silo): grains, with /health/* and /metrics on 8080, silo-to-silo
# traffic on 11111 and the client gateway on 30000. The same image runs the one-off commands
# "migrate" (schema under deploy/sql) and "seed" (demo catalog and ad campaigns) as container args.
# Build from the repository root:  docker build -f deploy/docker/Silo.Dockerfile -t otmz/silo .

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src

# Restore from the project files alone, so that a code change does not invalidate the package layer.
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY Grains.Interfaces/Grains.Interfaces.csproj Grains.Interfaces/
COPY Grains/Grains.csproj Grains/
COPY Hosting/Hosting.csproj Hosting/
COPY Silo/Silo.csproj Silo/
RUN dotnet restore Silo/Silo.csproj

COPY Grains.Interfaces/ Grains.Interfaces/
COPY Grains/ Grains/
COPY Hosting/ Hosting/
COPY Silo/ Silo/
# Silo.csproj embeds the schema migrations (..\deploy\sql\*.sql) that "migrate" applies.
COPY deploy/sql/ deploy/sql/
RUN dotnet publish Silo/Silo.csproj -c Release --no-restore -o /app/publish -p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS final
WORKDIR /app
COPY --from=build /app/publish .
# Silo/appsettings.json listens on localhost:8081 for a developer's machine; in a container the probes and
# the metrics scraper come from outside, so listen on every interface: probes on 8080, /metrics on the management
# port 9090 only (Kubernetes sets the same in otmz-config).
ENV Urls="http://+:8080;http://+:9090" Operations__MetricsPort=9090
EXPOSE 8080 9090 11111 30000
# The aspnet image's non-root "app" user, by its numeric id so that Kubernetes' runAsNonRoot can verify it.
USER $APP_UID
ENTRYPOINT ["dotnet", "OtMz.Silo.dll"]
