"""Lists the third-party packages a site's code imports, by reading it with ast: nothing is run.

Usage: python imports_probe.py '<json>', where the JSON is {"folder": "...", "stdlib": [...]}.
Prints one JSON object: {"imports": {"<top-level name>": "<first file that imports it>"},
"unreadable": [files neither ast nor a text scan could read]}. Standard-library modules
(sys.stdlib_module_names where there is one, else the list given) and the site's own modules
(any .py file or package folder in it) are left out.
"""
import ast
import json
import os
import re
import sys

SKIPPED = {'env', 'venv', '.venv', 'node_modules', 'site-packages', '__pycache__', '.git', 'tests', 'test'}
TEXT_IMPORT = re.compile(r'^\s*(?:from\s+([A-Za-z_][\w.]*)\s+import\b|import\s+([A-Za-z_][\w.]*(?:\s*,\s*[A-Za-z_][\w.]*)*))', re.M)


def sources(folder):
    for root, folders, files in os.walk(folder):
        folders[:] = [name for name in folders if name not in SKIPPED and not name.startswith('.')]
        for name in files:
            if name.endswith('.py'):
                yield os.path.join(root, name)


def imported_names(text):
    """Top-level names of absolute imports: ast first, a text scan for Python 2 source."""
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError):
        names = []
        for found in TEXT_IMPORT.finditer(text):
            names.extend(part.strip().split('.')[0] for part in (found.group(1) or found.group(2)).split(','))
        return names
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.extend(alias.name.split('.')[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.append(node.module.split('.')[0])
    return names


def main():
    request = json.loads(sys.argv[1])
    folder = request['folder']
    stdlib = set(getattr(sys, 'stdlib_module_names', ())) | set(request.get('stdlib', ()))
    files = list(sources(folder))
    local = set()
    for root, folders, names in os.walk(folder):
        folders[:] = [name for name in folders if name not in SKIPPED]
        local.update(name[:-3] for name in names if name.endswith('.py'))
        local.update(folders)
    found = {}
    unreadable = []
    for path in files:
        try:
            with open(path, 'rb') as source:
                text = source.read().decode('utf-8', 'replace')
        except OSError:
            unreadable.append(os.path.relpath(path, folder))
            continue
        for name in imported_names(text):
            if name and name not in stdlib and name not in local and name != '__future__':
                found.setdefault(name, os.path.relpath(path, folder).replace(os.sep, '/'))
    print(json.dumps({'imports': found, 'unreadable': unreadable}))


if __name__ == '__main__':
    main()
