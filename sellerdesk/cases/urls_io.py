urlpatterns = []  # journal export and import
