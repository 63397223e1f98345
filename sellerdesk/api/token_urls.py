urlpatterns = []  # API token management page
