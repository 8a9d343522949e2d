/**
 * Top-level module names of Python's standard library (3.x as listed by `sys.stdlib_module_names`,
 * plus `test` and the 2.7 names that 3.x renamed), and wfastcgi itself. wfastcgi appends
 * PYTHONPATH to the end of sys.path, so a site module with one of these names would never be
 * imported: Python finds the standard module first.
 */
const names = `
  abc aifc antigravity argparse array ast asynchat asyncio asyncore atexit audioop base64 bdb
  binascii bisect builtins bz2 cProfile calendar cgi cgitb chunk cmath cmd code codecs codeop
  collections colorsys compileall concurrent configparser contextlib contextvars copy copyreg
  crypt csv ctypes curses dataclasses datetime dbm decimal difflib dis distutils doctest email
  encodings ensurepip enum errno faulthandler fcntl filecmp fileinput fnmatch fractions ftplib
  functools gc genericpath getopt getpass gettext glob graphlib grp gzip hashlib heapq hmac html
  http idlelib imaplib imghdr imp importlib inspect io ipaddress itertools json keyword lib2to3
  linecache locale logging lzma mailbox mailcap marshal math mimetypes mmap modulefinder msilib
  msvcrt multiprocessing netrc nis nntplib nt ntpath nturl2path numbers opcode operator optparse
  os ossaudiodev pathlib pdb pickle pickletools pipes pkgutil platform plistlib poplib posix
  posixpath pprint profile pstats pty pwd py_compile pyclbr pydoc pydoc_data pyexpat queue
  quopri random re readline reprlib resource rlcompleter runpy sched secrets select selectors
  shelve shlex shutil signal site smtpd smtplib sndhdr socket socketserver spwd sqlite3
  sre_compile sre_constants sre_parse ssl stat statistics string stringprep struct subprocess
  sunau symtable sys sysconfig syslog tabnanny tarfile telnetlib tempfile termios textwrap this
  threading time timeit tkinter token tokenize tomllib trace traceback tracemalloc tty turtle
  turtledemo types typing unicodedata unittest urllib uu uuid venv warnings wave weakref
  webbrowser winreg winsound wsgiref xdrlib xml xmlrpc zipapp zipfile zipimport zlib zoneinfo
  BaseHTTPServer CGIHTTPServer ConfigParser Cookie DocXMLRPCServer HTMLParser Queue
  SimpleHTTPServer SimpleXMLRPCServer SocketServer StringIO Tkinter UserDict UserList UserString
  anydbm cPickle cStringIO commands cookielib copy_reg dbhash dircache exceptions htmlentitydefs
  httplib md5 mimetools mutex new popen2 repr rfc822 robotparser sets sha statvfs thread urllib2
  urlparse user whichdb xmlrpclib
  test wfastcgi
`;

export const reservedModuleNames: ReadonlySet<string> = new Set(names.split(/\s+/).filter(Boolean));

/**
 * Python's built-in names, 3.x's and 2.7's (`dir(builtins)` without the exceptions). The
 * generated module uses some of them (`len`, `str`) at module level, where a callable of the
 * same name would replace them.
 */
const builtins = `
  abs aiter all anext any ascii bin bool breakpoint bytearray bytes callable chr classmethod compile
  complex copyright credits delattr dict dir divmod enumerate eval exec exit filter float format
  frozenset getattr globals hasattr hash help hex id input int isinstance issubclass iter len
  license list locals map max memoryview min next object oct open ord pow print property quit
  range repr reversed round set setattr slice sorted staticmethod str sum super tuple type vars zip
  apply basestring buffer cmp coerce execfile file intern long raw_input reduce reload unichr
  unicode xrange
`;

export const builtinNames: ReadonlySet<string> = new Set(builtins.split(/\s+/).filter(Boolean));
