# The Api (assembly OtMz.Api): REST, SignalR hub and /health/* on 8080, /metrics on 9090. In the cluster it runs
# with Orleans:Mode=client and joins the silos through the PostgreSQL membership table.
# Build from the repository root:  docker build -f deploy/docker/Api.Dockerfile -t otmz/api .

# The web client (web/, served at /): built with Node from the committed lock file, into /web/dist.
FROM node:22-bookworm-slim AS web
WORKDIR /web
COPY web/package.json web/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY web/ ./
RUN npm run build

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src

# Restore from the project files alone, so that a code change does not invalidate the package layer.
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY Grains.Interfaces/Grains.Interfaces.csproj Grains.Interfaces/
COPY Grains/Grains.csproj Grains/
COPY Vision/Vision.csproj Vision/
COPY Hosting/Hosting.csproj Hosting/
COPY Api/Api.csproj Api/
RUN dotnet restore Api/Api.csproj

COPY Grains.Interfaces/ Grains.Interfaces/
COPY Grains/ Grains/
# Vision links Grains/SplitMix.cs and ships the committed default style model (Vision/Models).
COPY Vision/ Vision/
COPY Hosting/ Hosting/
COPY Api/ Api/
# The Node stage's dist/; OtMzBuildWebClient=false makes the publish take it as it is instead of running npm.
COPY --from=web /web/dist web/dist
RUN dotnet publish Api/Api.csproj -c Release --no-restore -o /app/publish -p:UseAppHost=false -p:OtMzBuildWebClient=false

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS final
WORKDIR /app
COPY --from=build /app/publish .
# Api/appsettings.json listens on localhost:5080 for a developer's machine; in a container listen on every
# interface on 8080, and serve /metrics only on the management port 9090 (Kubernetes sets the same in otmz-config).
ENV Urls="http://+:8080;http://+:9090" Operations__MetricsPort=9090
EXPOSE 8080 9090
# The aspnet image's non-root "app" user, by its numeric id so that Kubernetes' runAsNonRoot can verify it.
USER $APP_UID
ENTRYPOINT ["dotnet", "OtMz.Api.dll"]
