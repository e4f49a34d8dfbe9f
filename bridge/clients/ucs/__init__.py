"""UCS REST API client (seed 000): ``UcsClient`` and ``AsyncUcsClient``, their typed results
(:mod:`.models`), and the operations as data (:mod:`.operations`)."""

from .client import AsyncUcsClient, UcsClient
from .models import (AgentQueues, AgentUpdateResult, CallRecord, Company, CompanyPerson, Contact, ContactType,
                     Direction, Group, Locale, Page, PathStep, Person, Queue, QueueMembership, QueueType,
                     QueueUpdateResult, Role, Status, Team, User, UserSummary)

__all__ = ["AsyncUcsClient", "UcsClient", "AgentQueues", "AgentUpdateResult", "CallRecord", "Company",
           "CompanyPerson", "Contact", "ContactType", "Direction", "Group", "Locale", "Page", "PathStep", "Person",
           "Queue", "QueueMembership", "QueueType", "QueueUpdateResult", "Role", "Status", "Team", "User",
           "UserSummary"]
