def test_it_builds_the_personas(world):
    assert world.ana_enrolment.edition == world.edition
    assert world.carla_enrolment.edition != world.edition
    assert world.module.teaching.count() == 2
