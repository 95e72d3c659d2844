"""The Resources area: the capacity heatmap, the role chart, what-if scenarios and people development.

:class:`~pmodesk.gui.resources.page.ResourcesPage` is the page the main
window shows; its parts live in the sibling modules (model, delegate, view,
cell panel, chart, scenario view, undo commands, people-development tabs).
Modules load on first use of the page.
"""
