"""The demo portfolio: a realistic, deterministic PMO workspace for trying pmodesk out.

``generate_demo(workspace)`` fills an empty workspace with portfolios,
programmes, projects across every stage, state and RAG, people with
allocations, RAID, decisions, status reports, benefits and lessons. Sizes
scale up to benchmark workspaces of 10,000 projects and 1,000 people.
"""

from pmodesk.services.demo.generator import generate_demo
from pmodesk.services.demo.world import DemoCancelled, DemoSize

__all__ = ["DemoCancelled", "DemoSize", "generate_demo"]
