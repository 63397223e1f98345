from django.test import Client

from sellerdesk.accounts.models import Invite, Membership


def test_an_owner_invites_and_the_colleague_joins_with_the_role(world, client_for):
    owner = client_for(world.owner)
    owner.post(f"/w/{world.workspace.slug}/team/", {"role": "accountant"})
    invite = Invite.objects.get(workspace=world.workspace)
    newcomer = Client()
    page = newcomer.get(f"/invite/{invite.token}/")
    assert world.workspace.name in page.text
    response = newcomer.post(f"/invite/{invite.token}/", {
        "username": "elena", "first_name": "Елена", "last_name": "Ким", "email": "elena@example.ru",
        "password1": "Kx8!pq-long-pass", "password2": "Kx8!pq-long-pass"})
    assert response.status_code == 302
    member = Membership.objects.get(user__username="elena")
    assert member.workspace == world.workspace and member.role == "accountant"
    assert newcomer.get(f"/invite/{invite.token}/").status_code == 410


def test_an_existing_user_joins_a_second_workspace(world, client_for):
    invite = Invite.objects.create(workspace=world.workspace, role="viewer")
    client = client_for(world.outsider)
    client.post(f"/invite/{invite.token}/")
    assert Membership.objects.get(user=world.outsider.user, workspace=world.workspace).role == "viewer"
    assert client.get(f"/w/{world.workspace.slug}/").status_code == 200


def test_owners_change_roles_and_remove_members(world, client_for):
    owner = client_for(world.owner)
    owner.post(f"/w/{world.workspace.slug}/team/{world.viewer.pk}/role/", {"role": "manager"})
    world.viewer.refresh_from_db()
    assert world.viewer.role == "manager"
    owner.post(f"/w/{world.workspace.slug}/team/{world.logistician.pk}/remove/")
    assert not Membership.objects.filter(pk=world.logistician.pk).exists()
    assert client_for(world.logistician).get(f"/w/{world.workspace.slug}/").status_code == 404


def test_the_last_owner_cannot_leave_or_be_demoted(world, client_for):
    owner = client_for(world.owner)
    owner.post(f"/w/{world.workspace.slug}/team/{world.owner.pk}/role/", {"role": "viewer"})
    owner.post(f"/w/{world.workspace.slug}/team/{world.owner.pk}/remove/")
    world.owner.refresh_from_db()
    assert world.owner.role == "owner"


def test_a_removed_member_leaves_their_cases_and_history(world, client_for, make_case):
    case = make_case(actor=world.logistician, responsible=world.logistician)
    client_for(world.owner).post(f"/w/{world.workspace.slug}/team/{world.logistician.pk}/remove/")
    case.refresh_from_db()
    assert case.responsible is None
    assert case.events.get().actor_name == "Глеб"
