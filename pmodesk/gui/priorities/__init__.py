"""The prioritisation page: intake of new ideas, the weighted scoring model, the ranked list,
portfolio selection under a budget and role capacity, and the value-against-risk bubble chart.

:class:`pmodesk.gui.priorities.page.PrioritiesPage` is the page the sidebar shows.
"""
