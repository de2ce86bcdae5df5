# expect: local UNSUPPORTED_IMPORT
import django
print(django.get_version())
