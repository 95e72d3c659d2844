"""The project register: columns, Qt model, filtering proxy, delegates, filter bar and view.

``RegisterView(ctx, parent)`` in :mod:`pmodesk.gui.register.view` is the page;
the Qt-free rows and filter it shows live in :mod:`pmodesk.services.register`.
"""
