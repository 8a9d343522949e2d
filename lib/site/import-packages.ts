/**
 * The packages whose import name is not their name on PyPI, one row each: what `import X`
 * needs in requirements.txt. Any other import is its own package's name.
 */
const distributions: Readonly<Record<string, string>> = {
  PIL: 'Pillow',
  yaml: 'PyYAML',
  cv2: 'opencv-python',
  sklearn: 'scikit-learn',
  bs4: 'beautifulsoup4',
  dateutil: 'python-dateutil',
  dotenv: 'python-dotenv',
  jwt: 'PyJWT',
  MySQLdb: 'mysqlclient',
  Crypto: 'pycryptodome',
  serial: 'pyserial',
  attr: 'attrs',
  win32api: 'pywin32',
  win32com: 'pywin32',
  pythoncom: 'pywin32',
  magic: 'python-magic',
  docx: 'python-docx',
  pptx: 'python-pptx',
  fitz: 'PyMuPDF',
  OpenSSL: 'pyOpenSSL',
  jose: 'python-jose',
  multipart: 'python-multipart',
  flask_sqlalchemy: 'Flask-SQLAlchemy',
  flask_login: 'Flask-Login',
  flask_wtf: 'Flask-WTF',
  flask_cors: 'Flask-Cors',
  flask_restful: 'Flask-RESTful',
  flask_migrate: 'Flask-Migrate',
  rest_framework: 'djangorestframework',
  corsheaders: 'django-cors-headers',
  google: 'google-api-python-client',
  azure: 'azure-*',
  pkg_resources: 'setuptools',
};

/** The PyPI name requirements.txt needs for `import name`. */
export function distributionOf(importName: string): string {
  return distributions[importName] ?? importName;
}

/** Whether requirements naming `listed` (lower-cased, - and _ alike) provide `import name`. */
export function isProvided(importName: string, listed: ReadonlySet<string>): boolean {
  const normal = (name: string) => name.toLowerCase().replace(/_/g, '-');
  const wanted = distributionOf(importName);
  if (wanted.endsWith('*')) return [...listed].some(name => normal(name).startsWith(normal(wanted.slice(0, -1))));
  return listed.has(normal(wanted)) || listed.has(normal(importName));
}
