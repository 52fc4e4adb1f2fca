/**
 * `docker init` (the Docker Desktop plugin): asks its questions through ctx.readLine (a line per answer; an empty
 * line takes the default), then writes .dockerignore, Dockerfile, compose.yaml and README.Docker.md into the
 * learner's working folder. Existing files are only replaced after a yes.
 */
import type { IO } from '../core/types.js';

const PLATFORMS = [
  ['Go', 'suitable for a Go server application'],
  ['Python', 'suitable for a Python server application'],
  ['Node', 'suitable for a Node server application'],
  ['Rust', 'suitable for a Rust server application'],
  ['ASP.NET Core', 'suitable for an ASP.NET Core application'],
  ['PHP with Apache', 'suitable for a PHP web application'],
  ['Java', 'suitable for a Java application that uses Maven and packages as an uber jar'],
  ['Other', 'general purpose starting point for containerizing your application'],
] as const;

const HEADER = `# syntax=docker/dockerfile:1

# Comments are provided throughout this file to help you get started.
# If you need more help, visit the Dockerfile reference guide at
# https://docs.docker.com/go/dockerfile-reference/

# Want to help us make this template better? Share your feedback here: https://forms.gle/ybq9Krt8jtBL3iCk7
`;

const DOCKERIGNORE = `# Include any files or directories that you don't want to be copied to your
# container here (e.g., local build artifacts, temporary files, etc.).
#
# For more help, visit the .dockerignore file reference guide at
# https://docs.docker.com/go/build-context-dockerignore/

**/.classpath
**/.dockerignore
**/.env
**/.git
**/.gitignore
**/.project
**/.settings
**/.toolstarget
**/.vs
**/.vscode
**/.next
**/.cache
**/*.*proj.user
**/*.dbmdl
**/*.jfm
**/charts
**/docker-compose*
**/compose.y*ml
**/Dockerfile*
**/node_modules
**/npm-debug.log
**/obj
**/secrets.dev.yaml
**/values.dev.yaml
**/build
**/dist
LICENSE
README.md
`;

function nodeDockerfile(version: string, pm: string, start: string, port: string): string {
  const install =
    pm === 'yarn'
      ? `RUN --mount=type=bind,source=package.json,target=package.json \\\n    --mount=type=bind,source=yarn.lock,target=yarn.lock \\\n    --mount=type=cache,target=/root/.yarn \\\n    yarn install --production --frozen-lockfile`
      : `RUN --mount=type=bind,source=package.json,target=package.json \\\n    --mount=type=bind,source=package-lock.json,target=package-lock.json \\\n    --mount=type=cache,target=/root/.npm \\\n    npm ci --omit=dev`;
  return `${HEADER}
ARG NODE_VERSION=${version}

FROM node:\${NODE_VERSION}-alpine

# Use production node environment by default.
ENV NODE_ENV production


WORKDIR /usr/src/app

# Download dependencies as a separate step to take advantage of Docker's caching.
# Leverage a cache mount to /root/.npm to speed up subsequent builds.
# Leverage a bind mounts to package.json and package-lock.json to avoid having to copy them into
# into this layer.
${install}

# Run the application as a non-root user.
USER node

# Copy the rest of the source files into the image.
COPY . .

# Expose the port that the application listens on.
EXPOSE ${port}

# Run the application.
CMD ${start}
`;
}

function pythonDockerfile(version: string, start: string, port: string): string {
  return `${HEADER}
ARG PYTHON_VERSION=${version}
FROM python:\${PYTHON_VERSION}-slim as base

# Prevents Python from writing pyc files.
ENV PYTHONDONTWRITEBYTECODE=1

# Keeps Python from buffering stdout and stderr to avoid situations where
# the application crashes without emitting any logs due to buffering.
ENV PYTHONUNBUFFERED=1

WORKDIR /app

# Create a non-privileged user that the app will run under.
# See https://docs.docker.com/go/dockerfile-user-best-practices/
ARG UID=10001
RUN adduser \\
    --disabled-password \\
    --gecos "" \\
    --home "/nonexistent" \\
    --shell "/sbin/nologin" \\
    --no-create-home \\
    --uid "\${UID}" \\
    appuser

# Download dependencies as a separate step to take advantage of Docker's caching.
# Leverage a cache mount to /root/.cache/pip to speed up subsequent builds.
# Leverage a bind mount to requirements.txt to avoid having to copy them into
# into this layer.
RUN --mount=type=cache,target=/root/.cache/pip \\
    --mount=type=bind,source=requirements.txt,target=requirements.txt \\
    python -m pip install -r requirements.txt

# Switch to the non-privileged user to run the application.
USER appuser

# Copy the source code into the container.
COPY . .

# Expose the port that the application listens on.
EXPOSE ${port}

# Run the application.
CMD ${start}
`;
}

function otherDockerfile(): string {
  return `${HEADER}
################################################################################
# Pick a base image to serve as the foundation for the other build stages in
# this file.
#
# For illustrative purposes, the following FROM command
# is using the alpine image (see https://hub.docker.com/_/alpine).
# By specifying the "latest" tag, it will also use whatever happens to be the
# most recent version of that image when you build your Dockerfile.
# If reproducibility is important, consider using a versioned tag
# (e.g., alpine:3.17.2) or SHA (e.g., alpine@sha256:c41ab5c992deb4fe7e5da09f67a8804a46bd0592bfdf0b1847dde0e0889d2bff).
FROM alpine:latest as base

################################################################################
# Create a stage for building/compiling the application.
#
# The following commands will leverage the "base" stage above to generate
# a "hello world" script and make it executable, but for a real application, you
# would issue a RUN command for your application's build process to generate the
# executable. For language-specific examples, take a look at the Dockerfiles in
# the Awesome Compose repository: https://github.com/docker/awesome-compose
FROM base as build
RUN echo -e '#!/bin/sh\\n\\
echo Hello world from $(whoami)! In order to get your application running in a container, take a look at the comments in the Dockerfile to get started.'\\
> /bin/hello.sh
RUN chmod +x /bin/hello.sh

################################################################################
# Create a final stage for running your application.
#
# The following commands copy the output from the "build" stage above and tell
# the container runtime to execute it when the image is run. Ideally this stage
# contains the minimal runtime dependencies for the application as to produce
# the smallest image possible. This often means using a different and smaller
# image than the one used for building the application, but for illustrative
# purposes the "base" image is used here.
FROM base AS final

# Create a non-privileged user that the app will run under.
# See https://docs.docker.com/go/dockerfile-user-best-practices/
ARG UID=10001
RUN adduser \\
    --disabled-password \\
    --gecos "" \\
    --home "/nonexistent" \\
    --shell "/sbin/nologin" \\
    --no-create-home \\
    --uid "\${UID}" \\
    appuser
USER appuser

# Copy the executable from the "build" stage.
COPY --from=build /bin/hello.sh /bin/

# What the container should run when it is started.
ENTRYPOINT [ "/bin/hello.sh" ]
`;
}

function compose(port: string | null, node: boolean): string {
  return `# Comments are provided throughout this file to help you get started.
# If you need more help, visit the Docker Compose reference guide at
# https://docs.docker.com/go/compose-spec-reference/

# Here the instructions define your application as a service called "server".
# This service is built from the Dockerfile in the current directory.
# You can add other services your application may depend on here, such as a
# database or a cache. For examples, see the Awesome Compose repository:
# https://github.com/docker/awesome-compose
services:
  server:
    build:
      context: .
${node ? '    environment:\n      NODE_ENV: production\n' : ''}${port ? `    ports:\n      - ${port}:${port}\n` : ''}
# The commented out section below is an example of how to define a PostgreSQL
# database that your application can use. \`depends_on\` tells Docker Compose to
# start the database before your application. The \`db-data\` volume persists the
# database data between container restarts. The \`db-password\` secret is used
# to set the database password. You must create \`db/password.txt\` and add
# a password of your choosing to it before running \`docker compose up\`.
#     depends_on:
#       db:
#         condition: service_healthy
#   db:
#     image: postgres
#     restart: always
#     user: postgres
#     secrets:
#       - db-password
#     volumes:
#       - db-data:/var/lib/postgresql/data
#     environment:
#       - POSTGRES_DB=example
#       - POSTGRES_PASSWORD_FILE=/run/secrets/db-password
#     expose:
#       - 5432
#     healthcheck:
#       test: [ "CMD", "pg_isready" ]
#       interval: 10s
#       timeout: 5s
#       retries: 5
# volumes:
#   db-data:
# secrets:
#   db-password:
#     file: db/password.txt

`;
}

function readme(port: string | null): string {
  return `### Building and running your application

When you're ready, start your application by running:
\`docker compose up --build\`.
${port ? `\nYour application will be available at http://localhost:${port}.\n` : ''}
### Deploying your application to the cloud

First, build your image, e.g.: \`docker build -t myapp .\`.
If your cloud uses a different CPU architecture than your development
machine (e.g., you are on a Mac M1 and your cloud provider is amd64),
you'll want to build the image for that platform, e.g.:
\`docker build --platform=linux/amd64 -t myapp .\`.

Then, push it to your registry, e.g. \`docker push myregistry.com/myapp\`.

Consult Docker's [getting started](https://docs.docker.com/go/get-started-sharing/)
docs for more detail on building and pushing.
`;
}

export async function dockerInit(argv: string[], io: IO): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.out('Usage:  docker init [OPTIONS]\n\nCreates Docker-related starter files for your project\n\nOptions:\n      --version   Display version of the init plugin\n');
    return 0;
  }
  if (argv.includes('--version')) {
    io.out('Version:    v1.4.0\nGit commit: 6f2d9ae\n');
    return 0;
  }
  const host = io.ctx.host;
  const cwd = host.cwd;
  const has = (f: string) => host.stat(`${cwd}/${f}`) !== null;
  const ask = async (q: string, def: string): Promise<string | null> => {
    io.out(`? ${q} (${def}) `);
    const a = await io.ctx.readLine('');
    if (a === null) {
      io.out('\n');
      return null;
    }
    io.out('\n');
    return a.trim() || def;
  };
  io.out(
    "\nWelcome to the Docker Init CLI!\n\nThis utility will walk you through creating the following files with sensible defaults for your project:\n  - .dockerignore\n  - Dockerfile\n  - compose.yaml\n  - README.Docker.md\n\nLet's get started!\n\n",
  );
  const files = ['.dockerignore', 'Dockerfile', 'compose.yaml', 'README.Docker.md'];
  const existing = files.filter(has);
  if (existing.length) {
    io.out(`WARNING: The following Docker files already exist in this directory:\n${existing.map((f) => `  - ${f}\n`).join('')}\n`);
    io.out('? Do you want to overwrite them? (y/N) ');
    const a = await io.ctx.readLine('');
    io.out('\n');
    if (!/^y(es)?$/i.test((a ?? '').trim())) {
      io.out('\n→ Cancelled. No files were written.\n');
      return 0;
    }
  }
  const detected = has('package.json') ? 'Node' : has('requirements.txt') || has('app.py') ? 'Python' : has('go.mod') ? 'Go' : 'Other';
  io.out('? What application platform does your project use?\n');
  for (const [n, d] of PLATFORMS) io.out(`${n === detected ? '>' : ' '} ${n} - ${d}\n`);
  io.out(`(${detected}) `);
  const pa = await io.ctx.readLine('');
  io.out('\n');
  if (pa === null) return 130;
  const pick = pa.trim() ? (PLATFORMS.find(([n], i) => n.toLowerCase().startsWith(pa.trim().toLowerCase()) || String(i + 1) === pa.trim())?.[0] ?? detected) : detected;
  let dockerfile: string;
  let port: string | null = null;
  let node = false;
  if (pick === 'Node') {
    node = true;
    const version = await ask('What version of Node do you want to use?', '22.12.0');
    if (version === null) return 130;
    const pm = await ask('Which package manager do you want to use?', has('yarn.lock') ? 'yarn' : 'npm');
    if (pm === null) return 130;
    let main = 'index.js';
    try {
      main = JSON.parse(host.readFile(`${cwd}/package.json`) ?? '{}').main ?? 'index.js';
    } catch {
      /* default */
    }
    const start = await ask('What command do you want to use to start the app?', `node ${main}`);
    if (start === null) return 130;
    port = await ask('What port does your server listen on?', '3000');
    if (port === null) return 130;
    dockerfile = nodeDockerfile(version, pm, start, port);
  } else if (pick === 'Python') {
    const version = await ask('What version of Python do you want to use?', '3.12.8');
    if (version === null) return 130;
    port = await ask('What port do you want your app to listen on?', '8000');
    if (port === null) return 130;
    const start = await ask('What is the command you use to run your app?', `python3 -m uvicorn app:app --host=0.0.0.0 --port=${port}`);
    if (start === null) return 130;
    dockerfile = pythonDockerfile(version, start, port);
  } else {
    dockerfile = otherDockerfile();
  }
  const out: Record<string, string> = {
    '.dockerignore': DOCKERIGNORE,
    Dockerfile: dockerfile,
    'compose.yaml': compose(port, node),
    'README.Docker.md': readme(port),
  };
  io.out('\n');
  for (const f of files) {
    const e = host.writeFile(`${cwd}/${f}`, out[f]!);
    if (e) {
      io.err(`ERROR: ${f}: ${e}\n`);
      return 1;
    }
    io.out(`✔ Created → ${f}\n`);
  }
  io.out('\n→ Your Docker files are ready!\n  Review your Docker files and tailor them to your application.\n  Consult README.Docker.md for information about using the generated files.\n\n');
  io.out(`What's next?\n  Start your application by running → docker compose up --build\n${port ? `  Your application will be available at http://localhost:${port}\n` : ''}\n`);
  return 0;
}
