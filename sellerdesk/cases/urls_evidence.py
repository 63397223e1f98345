urlpatterns = []  # evidence upload, download, delete
