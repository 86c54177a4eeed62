import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentActor, type Actor } from '../../auth/actor';
import { Roles } from '../../auth/roles.decorator';
import { UuidParam } from '../../common/http/params';
import { CreatePersonDto, PersonDto, PersonMinimalDto, PersonSearchQueryDto } from './dto/person.dto';
import { PersonsService } from './persons.service';

@ApiTags('persons')
@ApiBearerAuth()
@Controller('persons')
export class PersonsController {
  constructor(private readonly service: PersonsService) {}

  @Post()
  @Roles('mayor-office', 'mayor', 'police')
  @ApiCreatedResponse({ type: PersonDto })
  create(@CurrentActor() actor: Actor, @Body() dto: CreatePersonDto): Promise<PersonDto> {
    return this.service.create(actor, dto);
  }

  @Get()
  @Roles('mayor-office', 'mayor', 'lawyer', 'police')
  @ApiHeader({ name: 'X-Purpose', required: false, description: 'Purpose or case reference, recorded in the processing log' })
  @ApiOkResponse({ type: [PersonDto], description: 'Persons of the caller\'s municipalities whose name contains the query (police: minimal view); every person returned is logged' })
  search(@CurrentActor() actor: Actor, @Query() q: PersonSearchQueryDto): Promise<Array<PersonDto | PersonMinimalDto>> {
    return this.service.search(actor, q);
  }

  @Get(':id')
  @Roles('mayor-office', 'mayor', 'lawyer', 'police')
  @ApiHeader({ name: 'X-Purpose', required: false, description: 'Purpose or case reference, recorded in the processing log' })
  @ApiOkResponse({ type: PersonDto, description: 'Police get the minimal view (no identifiers)' })
  read(@CurrentActor() actor: Actor, @Param('id', new UuidParam('id')) id: string): Promise<PersonDto | PersonMinimalDto> {
    return this.service.read(actor, id);
  }
}
