"""Connecting to Neo4j, and turning the driver's failures into one line a user can act on.

Users see "cannot reach", "wrong password" or "no such database", never a stack trace; the
``NEO4J_*`` variable to fix is named in each message.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import neo4j
from neo4j.exceptions import (
    AuthError,
    ClientError,
    ConfigurationError,
    DriverError,
    Neo4jError,
    ServiceUnavailable,
    SessionExpired,
)

from kg.settings import setting
from kg.stores.base import StoreError

# The driver logs retries and server notifications as multi-line warnings; the CLI reports
# failures itself, in one line, so keep the driver's logger from printing through logging's
# last-resort handler.
logging.getLogger("neo4j").addHandler(logging.NullHandler())

DEFAULT_URI = "bolt://localhost:7687"
# A Bolt server answers a connection and its handshake in milliseconds; waiting longer only keeps a
# user in front of a service on that port that speaks something else.
CONNECT_SECONDS = 5.0
BOLT_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")


@dataclass(frozen=True)
class Neo4jSettings:
    uri: str
    username: str
    password: str | None
    database: str

    @classmethod
    def from_environment(cls) -> Neo4jSettings:
        """NEO4J_URI, NEO4J_USERNAME, NEO4J_PASSWORD, NEO4J_DATABASE (env first, then .env)."""
        return cls(
            uri=setting("NEO4J_URI", DEFAULT_URI) or DEFAULT_URI,
            username=setting("NEO4J_USERNAME", "neo4j") or "neo4j",
            password=setting("NEO4J_PASSWORD"),
            database=setting("NEO4J_DATABASE", "neo4j") or "neo4j",
        )


def describe(exc: BaseException, settings: Neo4jSettings) -> str:
    """One line for a driver exception, naming the setting that is probably wrong."""
    if isinstance(exc, AuthError):
        return (
            f"Neo4j at {settings.uri} refused user '{settings.username}': wrong username or password "
            f"(NEO4J_USERNAME / NEO4J_PASSWORD)"
        )
    if isinstance(exc, (ServiceUnavailable, SessionExpired)):
        return f"cannot reach Neo4j at {settings.uri} (is the server running? check NEO4J_URI)"
    if isinstance(exc, ClientError) and exc.code and "AuthenticationRateLimit" in exc.code:
        return (
            f"Neo4j at {settings.uri} is refusing user '{settings.username}' for a while after too many "
            f"wrong passwords (check NEO4J_PASSWORD, then retry)"
        )
    if isinstance(exc, ClientError) and exc.code and "DatabaseNotFound" in exc.code:
        return f"Neo4j at {settings.uri} has no database '{settings.database}' (check NEO4J_DATABASE)"
    if isinstance(exc, Neo4jError):
        message = " ".join(str(exc.message or exc).split())
        return f"Neo4j error {exc.code}: {message}"
    if isinstance(exc, (ConfigurationError, ValueError)):
        return f"invalid Neo4j settings for {settings.uri}: {' '.join(str(exc).split())}"
    return f"Neo4j driver error ({exc.__class__.__name__}): {' '.join(str(exc).split())}"


@contextmanager
def translated_errors(settings: Neo4jSettings) -> Iterator[None]:
    """Re-raise any driver failure inside the block as a one-line :class:`StoreError`."""
    try:
        yield
    except StoreError:
        raise
    except (Neo4jError, DriverError, ConfigurationError, ValueError, OSError) as exc:
        raise StoreError(describe(exc, settings)) from None


def connect(settings: Neo4jSettings) -> neo4j.Driver:
    """A driver that has proven it can reach the server, log in and open the database.

    ``verify_connectivity`` and an auto-commit ``RETURN 1`` fail fast; a managed transaction would
    instead retry an unreachable server for half a minute before saying anything.
    """
    if not settings.password:
        raise StoreError("NEO4J_PASSWORD is not set (export it, or put it in .env; see .env.example)")
    scheme = settings.uri.split("://", 1)[0].lower() if "://" in settings.uri else ""
    if scheme not in BOLT_SCHEMES:
        raise StoreError(
            f"NEO4J_URI '{settings.uri}' is not a Bolt address (use bolt://host:7687 or neo4j://host:7687)"
        )
    with translated_errors(settings):
        driver = neo4j.GraphDatabase.driver(
            settings.uri,
            auth=(settings.username, settings.password),
            max_transaction_retry_time=15.0,
            connection_timeout=CONNECT_SECONDS,
            connection_acquisition_timeout=CONNECT_SECONDS,  # bounds the handshake
            notifications_min_severity="OFF",
        )
        try:
            driver.verify_connectivity()
            with driver.session(database=settings.database) as session:
                session.run("RETURN 1").consume()
        except BaseException:
            driver.close()
            raise
    return driver
